# expect: split on the wrong axis
# Views the projection as (B, H, L, D) directly, which interleaves tokens and features.
import math

import torch


def multi_head_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                         in_proj_weight: torch.Tensor, in_proj_bias: torch.Tensor,
                         out_proj_weight: torch.Tensor, out_proj_bias: torch.Tensor, num_heads: int,
                         batch_first: bool = False, key_padding_mask: torch.Tensor | None = None,
                         attn_mask: torch.Tensor | None = None, need_weights: bool = True,
                         average_attn_weights: bool = True) -> tuple[torch.Tensor, torch.Tensor | None]:
    if not batch_first:  # (L, B, E) -> (B, L, E)
        query, key, value = query.transpose(0, 1), key.transpose(0, 1), value.transpose(0, 1)
    B, L, E = query.shape
    S = key.shape[1]
    D = E // num_heads
    w_q, w_k, w_v = in_proj_weight.chunk(3)  # stacked q, k, v along dim 0
    b_q, b_k, b_v = in_proj_bias.chunk(3)

    def heads(x, w, b, n):  # (B, n, E) -> (B, H, n, D): head h owns features h*D .. (h+1)*D - 1
        return (x @ w.T + b).reshape(B, num_heads, n, D)

    q, k, v = heads(query, w_q, b_q, L), heads(key, w_k, b_k, S), heads(value, w_v, b_v, S)
    scores = q @ k.transpose(-2, -1) / math.sqrt(D)  # (B, H, L, S), scaled by the head size
    if attn_mask is not None:
        if attn_mask.dim() == 3:
            attn_mask = attn_mask.view(B, num_heads, L, S)  # (B*H, L, S), index b*H + h
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(attn_mask, float("-inf"))  # True = not allowed
        else:
            scores = scores + attn_mask
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))  # True = ignore
    weights = torch.softmax(scores, dim=-1)
    merged = (weights @ v).transpose(1, 2).reshape(B, L, E)  # heads back side by side
    output = merged @ out_proj_weight.T + out_proj_bias
    if not batch_first:
        output = output.transpose(0, 1)
    if not need_weights:
        return output, None
    return output, weights.mean(dim=1) if average_attn_weights else weights
