# expect: view size is not compatible
# Hoists the input projection out of the time loop with .view, which needs contiguous memory: it works
# for the layouts it was tried on and fails on a non-contiguous time-first x (reshape would copy).
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1).contiguous()
    seq_len, batch, d_in = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    inp, finals = x, []
    for k in range(num_layers):
        width = inp.shape[2]
        proj = (inp.view(seq_len * batch, width) @ params[f"weight_ih_l{k}"].T).view(seq_len, batch, hidden)
        if f"bias_ih_l{k}" in params:
            proj = proj + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
        h = h0[k] if h0 is not None else x.new_zeros(batch, hidden)
        steps = []
        for t in range(seq_len):
            h = torch.tanh(proj[t] + h @ params[f"weight_hh_l{k}"].T)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    return (inp.transpose(0, 1) if batch_first else inp), torch.stack(finals)
