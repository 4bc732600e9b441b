# expect: h_0 and h_n are always (num_layers, N, H)
# Believes batch_first applies to every tensor and transposes h_n to (N, num_layers, H).
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    inp, finals = x, []
    for k in range(num_layers):
        h = h0[k] if h0 is not None else x.new_zeros(batch, hidden)
        steps = []
        for t in range(seq_len):
            pre = inp[t] @ params[f"weight_ih_l{k}"].T + h @ params[f"weight_hh_l{k}"].T
            if f"bias_ih_l{k}" in params:
                pre = pre + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
            h = torch.tanh(pre)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    h_n = torch.stack(finals)
    if batch_first:
        return inp.transpose(0, 1), h_n.transpose(0, 1)
    return inp, h_n
