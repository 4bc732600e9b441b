# expect: Create the zero initial state with x.new_zeros
# Builds the default h0 with torch.zeros(...): float32 on the CPU, whatever x is; fine until x is float64 (or on a GPU).
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    if h0 is None:
        h0 = torch.zeros(num_layers, batch, hidden)
    inp, finals = x, []
    for k in range(num_layers):
        h = h0[k]
        steps = []
        for t in range(seq_len):
            pre = inp[t] @ params[f"weight_ih_l{k}"].T + h @ params[f"weight_hh_l{k}"].T
            if f"bias_ih_l{k}" in params:
                pre = pre + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
            h = torch.tanh(pre)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    out = inp.transpose(0, 1) if batch_first else inp
    return out, torch.stack(finals)
