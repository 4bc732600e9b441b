import math

import torch


def scaled_dot_product_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                 attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                 scale: float | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    scale = 1 / math.sqrt(query.shape[-1]) if scale is None else scale  # E of the query, not of the value
    scores = (query @ key.transpose(-2, -1)) * scale  # (..., L, S)
    if is_causal:
        L, S = query.shape[-2], key.shape[-2]
        allowed = torch.ones(L, S, dtype=torch.bool, device=query.device).tril()  # top-left aligned
        scores = scores.masked_fill(~allowed, float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))  # True = takes part
        else:
            scores = scores + attn_mask  # additive: 0 keeps, -inf removes
    weights = torch.softmax(scores, dim=-1)  # subtracts the row max: stable for huge scores
    return weights @ value, weights
