# expect: nn.RNN adds two bias vectors
# Adds only b_ih, as in the textbook formula with a single bias: nn.RNN (like cuDNN) has two.
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
                pre = pre + params[f"bias_ih_l{k}"]
            h = torch.tanh(pre)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    return (inp.transpose(0, 1) if batch_first else inp), torch.stack(finals)
