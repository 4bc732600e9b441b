import torch


def rnn_forward(x: torch.Tensor, params: dict[str, torch.Tensor], num_layers: int,
                h0: torch.Tensor | None = None, batch_first: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    if batch_first:
        x = x.transpose(0, 1)  # (N, L, H_in) -> (L, N, H_in): swaps dimensions, keeps each sequence intact
    seq_len, batch = x.shape[0], x.shape[1]
    hidden = params["weight_hh_l0"].shape[0]
    if h0 is None:
        h0 = x.new_zeros(num_layers, batch, hidden)
    layer_input = x
    finals = []
    for k in range(num_layers):
        w_ih, w_hh = params[f"weight_ih_l{k}"], params[f"weight_hh_l{k}"]
        b_ih, b_hh = params.get(f"bias_ih_l{k}"), params.get(f"bias_hh_l{k}")
        h = h0[k]  # (N, H); indexing makes a new view, h0 itself is never written to
        steps = []
        for t in range(seq_len):
            pre = layer_input[t] @ w_ih.T + h @ w_hh.T
            if b_ih is not None:
                pre = pre + b_ih + b_hh  # two bias vectors, as nn.RNN has
            h = torch.tanh(pre)
            steps.append(h)
        layer_input = torch.stack(steps)  # (L, N, H): this layer's outputs feed the next layer
        finals.append(h)
    output = layer_input.transpose(0, 1) if batch_first else layer_input
    return output, torch.stack(finals)  # h_n is (num_layers, N, H) whatever batch_first says
