# expect: a tanh written by hand with exp
# Writes tanh as 1 - 2 / (exp(2z) + 1): the values saturate correctly, but exp overflows to inf and the
# backward computes 0 * inf = nan where tanh saturates.
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    if h0 is None:
        h0 = x.new_zeros(num_layers, batch, hidden)
    inp, finals = x, []
    for k in range(num_layers):
        h = h0[k]
        steps = []
        for t in range(seq_len):
            pre = inp[t] @ params[f"weight_ih_l{k}"].T + h @ params[f"weight_hh_l{k}"].T
            if f"bias_ih_l{k}" in params:
                pre = pre + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
            h = 1 - 2 / (torch.exp(2 * pre) + 1)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    out = inp.transpose(0, 1) if batch_first else inp
    return out, torch.stack(finals)
