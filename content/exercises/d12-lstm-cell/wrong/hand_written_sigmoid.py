# expect: a sigmoid or tanh written by hand with exp
# Writes the sigmoid as 1 / (1 + exp(-z)): the values saturate correctly, but exp overflows to inf for
# large negative z and the backward computes inf / inf = nan.
import torch


def _sigmoid(z):
    return 1 / (1 + torch.exp(-z))


def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if state is None:
        h = c = x.new_zeros(x.shape[0], weight_hh.shape[1])
    else:
        h, c = state
    gates = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        gates = gates + bias_ih + bias_hh
    i, f, g, o = gates.chunk(4, dim=1)
    c_new = _sigmoid(f) * c + _sigmoid(i) * torch.tanh(g)
    return _sigmoid(o) * torch.tanh(c_new), c_new
