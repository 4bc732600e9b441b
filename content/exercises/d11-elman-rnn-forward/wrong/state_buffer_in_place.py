# expect: overwrote a tensor that autograd saved
# Keeps the states in one preallocated buffer, reads h = h_n[k] from it and writes h_n[k] = h back:
# the forward values are right, but the backward needs the overwritten values.
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    h_n = x.new_zeros(num_layers, batch, hidden) if h0 is None else h0.clone()
    inp = x
    for k in range(num_layers):
        out = x.new_empty(seq_len, batch, hidden)
        for t in range(seq_len):
            pre = inp[t] @ params[f"weight_ih_l{k}"].T + h_n[k] @ params[f"weight_hh_l{k}"].T
            if f"bias_ih_l{k}" in params:
                pre = pre + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
            h_n[k] = torch.tanh(pre)
            out[t] = h_n[k]
        inp = out
    return (inp.transpose(0, 1) if batch_first else inp), h_n
