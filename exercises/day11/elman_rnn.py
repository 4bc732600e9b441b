"""Day 11 · An Elman RNN forward pass from scratch that matches ``nn.RNN``.

Write ``rnn_forward(x, params, num_layers, h0=None, batch_first=False)`` returning
``(output, h_n)``, the same two tensors as ``nn.RNN(input_size, hidden_size, num_layers,
batch_first=batch_first)`` (tanh, one direction) returns with the same weights.

Why: ``nn.RNN`` hides the recurrence in one fused kernel. Writing it out shows what the hidden
state is (a summary of the sequence so far, updated by the same weights at every step), why the
computation is sequential in time, how stacked layers feed each other, and which tensor is which
in what the module returns, the part learners most often get wrong.

The recurrence, for layer k = 0 .. num_layers - 1 and time step t = 0 .. L - 1:

    h_t^k = tanh(x_t^k @ W_ih^T + b_ih + h_(t-1)^k @ W_hh^T + b_hh)
    x_t^0 = x_t (the input), x_t^k = h_t^(k-1) (the layer below's state at the same step)
    h_(-1)^k = h0[k], or zeros when h0 is None

Inputs:
    x            (L, N, H_in), or (N, L, H_in) when batch_first=True
    params       a dict as ``dict(rnn.named_parameters())`` gives it: for each layer k,
                 weight_ih_l{k} (H, H_in for k = 0, else H), weight_hh_l{k} (H, H),
                 bias_ih_l{k} (H,) and bias_hh_l{k} (H,). The two biases are absent when the
                 RNN was built with bias=False: then there is no bias at all.
    num_layers   the number of stacked layers
    h0           (num_layers, N, H) or None (zeros). batch_first does NOT apply to h0 or h_n.
Returns a tuple ``(output, h_n)`` of x's dtype:
    output       (L, N, H), or (N, L, H) when batch_first=True: the top layer's state at every step
    h_n          (num_layers, N, H): the last state of every layer

Rules: no ``nn.RNN`` / ``nn.RNNCell`` (nor the functions behind them); loops over the layers and
the time steps are expected, that is the recurrence. Keep everything in autograd (no
``.detach()``, ``.data`` or ``.item()``). Do not change any input in place: a forward pass that
writes into the caller's h0 corrupts it.

Checked: the returned type, that x, h0 and the weights are left unchanged, output and h_n, and the
gradients w.r.t. x, h0 and every weight, for one and several layers, both layouts, with and
without h0, float64 (with and without h0), a batch of one with a single step, a non-contiguous x
in both layouts, no biases, and huge inputs that saturate tanh.
"""

import torch


def rnn_forward(x: torch.Tensor, params: dict[str, torch.Tensor], num_layers: int,
                h0: torch.Tensor | None = None, batch_first: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
