# expect: no longer sum to 1
# Multiplies the weights by the mask after the softmax, without renormalising.
import torch


def additive_attention(query, keys, values, W_q, W_k, v, mask):
    hidden = (query @ W_q).unsqueeze(1) + keys @ W_k  # (B, 1, H) + (B, T, H) -> (B, T, H)
    scores = torch.tanh(hidden) @ v  # (B, T)
    weights = torch.softmax(scores, dim=-1) * mask  # zero the padding afterwards
    context = torch.einsum("bt,btd->bd", weights, values)  # (B, Dv)
    return context, weights
