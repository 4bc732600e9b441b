# expect: sigmoid(f + 1)
# Adds 1 to the forget gate inside the step (a forget-bias init habit), which nn.LSTMCell does not do.
import torch
import torch.nn.functional as F
def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if state is None:
        h = c = x.new_zeros(x.shape[0], weight_hh.shape[1])
    else:
        h, c = state
    gates = F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh)
    i, f, g, o = gates.chunk(4, 1)
    c_new = torch.sigmoid(f + 1.0) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
