# expect: h_n holds the last hidden state of every layer
# Returns only the top layer's last state as h_n, shaped (1, N, H), as if the RNN had one layer.
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    inp = x
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
    h_n = inp[-1:]  # the last time step of the top layer
    return (inp.transpose(0, 1) if batch_first else inp), h_n
