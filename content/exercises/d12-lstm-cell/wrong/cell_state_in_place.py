# expect: changed its input in place (c)
# Updates the cell state in place (c.mul_(f).add_(i * g)) to save memory: the caller's c is overwritten.
import torch


def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if state is None:
        h = c = x.new_zeros(x.shape[0], weight_hh.shape[1])
    else:
        h, c = state
    gates = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        gates = gates + bias_ih + bias_hh
    i, f, g, o = gates.chunk(4, dim=1)
    c_new = c.mul_(torch.sigmoid(f)).add_(torch.sigmoid(i) * torch.tanh(g))
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
