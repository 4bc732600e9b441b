# expect: reads the NEW cell state
# Computes the output from the previous cell state, tanh(c), instead of the updated one.
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
    h_new = torch.sigmoid(o) * torch.tanh(c)
    c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return h_new, c_new
