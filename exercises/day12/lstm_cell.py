"""Day 12 · One LSTM step from scratch that matches ``nn.LSTMCell``.

Write ``lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None)`` returning the
tuple ``(h_new, c_new)``: the same two tensors ``nn.LSTMCell`` returns given the same weights
(``cell.weight_ih``, ``cell.weight_hh``, ``cell.bias_ih``, ``cell.bias_hh``).

Why: the LSTM's gates and its two states are the heart of Day 12. The cell state c is the
long-term memory, updated additively (forget a part, write a part); the hidden state h is what
the cell shows to the next layer and to the next step. That additive path through c is why
gradients survive many more steps than in a plain RNN. Writing the step yourself, in the layout
PyTorch uses for its weights, is also what you need to read, port or initialise LSTM weights.

The step (H = hidden size; all four gates come from one (4H)-wide matrix product):

    gates = x @ W_ih^T + b_ih + h @ W_hh^T + b_hh          (N, 4H)
    i, f, g, o = the four (N, H) blocks of gates, IN THIS ORDER (input, forget, cell, output)
    i, f, o = sigmoid(i), sigmoid(f), sigmoid(o);  g = tanh(g)
    c_new = f * c + i * g
    h_new = o * tanh(c_new)

Inputs:
    x          (N, I)
    state      a tuple (h, c) of two (N, H) tensors, like nn.LSTMCell's hx, or None (zeros)
    weight_ih  (4H, I) and weight_hh (4H, H): rows 0..H-1 belong to the input gate, then
               forget, cell, output
    bias_ih, bias_hh  (4H,) each, or both None (an LSTMCell built with bias=False)
Returns a tuple ``(h_new, c_new)`` of two (N, H) tensors of x's dtype and device.

Rules: no ``nn.LSTMCell`` / ``nn.LSTM`` (nor the functions behind them). Use ``torch.sigmoid``
and ``torch.tanh``, not formulas with ``exp`` (they overflow for large pre-activations). Keep
everything in autograd, and do not change any input in place.

Checked: the returned type, that no input was changed, h_new and c_new, and the gradients
w.r.t. x, h, c and every weight, with and without a state, with and without biases, float64
(also with state=None), a batch of one, non-contiguous inputs and weights, and large
pre-activations that saturate the gates.
"""

import torch


def lstm_cell(x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None, weight_ih: torch.Tensor,
              weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
              bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
