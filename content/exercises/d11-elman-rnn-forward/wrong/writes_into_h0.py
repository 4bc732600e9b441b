# expect: changed its input in place (h0)
# Uses the caller's h0 as the buffer for the new states (h_n = h0; h_n[k] = h): the values are
# right, but the caller's h0 is overwritten.
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    h_n = h0 if h0 is not None else x.new_zeros(num_layers, batch, hidden)
    inp = x
    for k in range(num_layers):
        h = h_n[k].clone()
        steps = []
        for t in range(seq_len):
            pre = inp[t] @ params[f"weight_ih_l{k}"].T + h @ params[f"weight_hh_l{k}"].T
            if f"bias_ih_l{k}" in params:
                pre = pre + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
            h = torch.tanh(pre)
            steps.append(h)
        inp = torch.stack(steps)
        h_n[k] = h
    return (inp.transpose(0, 1) if batch_first else inp), h_n
