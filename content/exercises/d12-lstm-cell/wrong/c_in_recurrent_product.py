# expect: recurrent product uses the hidden
# Multiplies weight_hh with the cell state c instead of the hidden state h.
import torch
import torch.nn.functional as F
def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if state is None:
        h = c = x.new_zeros(x.shape[0], weight_hh.shape[1])
    else:
        h, c = state
    gates = F.linear(x, weight_ih, bias_ih) + F.linear(c, weight_hh, bias_hh)
    i, f, g, o = gates.chunk(4, 1)
    c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
