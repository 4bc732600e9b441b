"""Day 15 · Scaled dot-product attention from scratch.

Write ``scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False,
scale=None)`` returning ``(output, weights)``, where ``output`` equals
``torch.nn.functional.scaled_dot_product_attention`` (with dropout_p=0) and ``weights`` is the
attention matrix it used:

    scores  = (query @ key^T) * scale           scale defaults to 1 / sqrt(E)
    weights = softmax(scores + mask, dim=-1)    over the S keys of each query
    output  = weights @ value

Why: this one formula is the core of every transformer layer. Each query row asks "which keys
match me?"; the softmax turns the match scores into a distribution over the keys, and the output
is the matching mix of the values (a soft database lookup). The 1/sqrt(E) keeps the variance of
the scores near 1 however wide the vectors are, so the softmax does not saturate.

Shapes: query (..., L, E), key (..., S, E), value (..., S, Ev), with any number of leading
batch dims (also none), L != S and Ev != E allowed → output (..., L, Ev) and weights
(..., L, S), both of the query's dtype and on its device.

- ``scale``: a float that replaces 1 / sqrt(E) whenever it is not None (0.0 included). E is the
  last dim of the *query* (and key).
- ``attn_mask``: broadcastable to (..., L, S). A bool mask follows PyTorch's convention for this
  function: True = the key takes part in attention, False = masked out (score -inf). A float mask
  is added to the scores (0 keeps, -inf removes, other values bias).
- ``is_causal=True``: query i may attend to keys 0..i only: the lower-triangular mask
  ``tril`` of an (L, S) matrix of ones, aligned at the top-left even when L != S. It is never
  combined with attn_mask (PyTorch refuses that). Every query keeps at least one key in the checks
  (for a row with every key masked, PyTorch returns zeros where the plain formula gives NaN).

Rules: no ``F.scaled_dot_product_attention`` or ``nn.MultiheadAttention`` and no Python loops.
Do not modify the inputs in place. Scores of size 1e4 must not overflow to inf or NaN.

Checked: output and weights against the reference, and gradients w.r.t. query, key and value,
on hidden shapes (several batch dims, L != S, Ev != E, a single query, float64, a non-contiguous
key), bool and float masks, is_causal with L < S and L > S, an explicit scale (0.0 too), full
float64 precision, and very large scores; the return type; and that the inputs are left unchanged.
"""

import torch


def scaled_dot_product_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                 attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                 scale: float | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
