"""Day 15 · Multi-head attention, the forward pass of nn.MultiheadAttention.

Write ``multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight,
out_proj_bias, num_heads, batch_first=False, key_padding_mask=None, attn_mask=None,
need_weights=True, average_attn_weights=True)`` returning ``(output, weights)``, exactly what
``nn.MultiheadAttention(E, num_heads, batch_first=batch_first)`` returns in eval mode (dropout 0)
when its parameters are the tensors given (``m.in_proj_weight``, ``m.in_proj_bias``,
``m.out_proj.weight``, ``m.out_proj.bias``).

Why: several heads attend in parallel, each in its own D = E / num_heads dimensional subspace,
so one layer can follow several relations at once (syntax, position, coreference) for the cost
of one full-width attention. Reproducing the module exactly is how you learn its conventions.

The computation (E = embed_dim, H = num_heads, D = E // H):
1. project: in_proj_weight is (3E, E), the rows of W_q, W_k, W_v stacked in that order, and
   in_proj_bias (3E,) likewise; q = query @ W_q^T + b_q (nn.Linear's convention), same for k, v.
2. split: head h takes features h*D .. (h+1)*D - 1 of q, k and v.
3. attend per head: softmax(q k^T / sqrt(D) + masks) over the S keys; then weights @ v.
4. merge the heads back to E features (head 0 first) and project: @ out_proj_weight^T + out_proj_bias.

Shapes: query (L, B, E), key and value (S, B, E); with batch_first=True (B, L, E) and (B, S, E).
Self-attention passes the same tensor three times; cross-attention has S != L.
- ``key_padding_mask``: bool (B, S), **True = ignore** this key (padding). Note: the opposite
  of F.scaled_dot_product_attention's bool mask.
- ``attn_mask``: (L, S) or (B*H, L, S) (index b*H + h), bool with True = not allowed, or float
  added to the scores. Every query keeps at least one key in the checks.
- output: like query, (L, B, E) or (B, L, E). weights: always batch-first, (B, L, S) averaged
  over the heads when average_attn_weights is True, (B, H, L, S) per head when False, and
  ``None`` when need_weights is False.

Rules: do not build or call nn.MultiheadAttention, F.multi_head_attention_forward or
F.scaled_dot_product_attention (no ``.forward``), and no Python loops. Do not modify the inputs.

Checked against nn.MultiheadAttention: output and weights, and gradients w.r.t. the query and
the projection weights, on hidden sizes and head counts (one head, head size 1), both batch_first
settings, self- and cross-attention, padding and attention masks (bool, float, 3-D per head),
averaged and per-head weights, need_weights=False, float64; the return type; unchanged inputs.
"""

import torch


def multi_head_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                         in_proj_weight: torch.Tensor, in_proj_bias: torch.Tensor,
                         out_proj_weight: torch.Tensor, out_proj_bias: torch.Tensor, num_heads: int,
                         batch_first: bool = False, key_padding_mask: torch.Tensor | None = None,
                         attn_mask: torch.Tensor | None = None, need_weights: bool = True,
                         average_attn_weights: bool = True) -> tuple[torch.Tensor, torch.Tensor | None]:
    raise NotImplementedError
