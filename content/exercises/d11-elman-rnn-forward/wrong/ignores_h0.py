# expect: the h0 argument was ignored
# Always starts from zeros, the default, even when the caller passes an initial state.
import torch


def rnn_forward(x, params, num_layers, h0=None, batch_first=False):
    if batch_first:
        x = x.transpose(0, 1)
    seq_len, batch, _ = x.shape
    hidden = params["weight_hh_l0"].shape[0]
    inp, finals = x, []
    for k in range(num_layers):
        h = x.new_zeros(batch, hidden)
        steps = []
        for t in range(seq_len):
            pre = inp[t] @ params[f"weight_ih_l{k}"].T + h @ params[f"weight_hh_l{k}"].T
            if f"bias_ih_l{k}" in params:
                pre = pre + params[f"bias_ih_l{k}"] + params[f"bias_hh_l{k}"]
            h = torch.tanh(pre)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    return (inp.transpose(0, 1) if batch_first else inp), torch.stack(finals)
