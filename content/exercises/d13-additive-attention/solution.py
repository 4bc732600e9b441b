import torch


def additive_attention(query, keys, values, W_q, W_k, v, mask):
    hidden = (query @ W_q).unsqueeze(1) + keys @ W_k  # (B, 1, H) + (B, T, H) -> (B, T, H)
    scores = torch.tanh(hidden) @ v  # (B, T)
    scores = scores.masked_fill(~mask, float("-inf"))  # padding: exactly zero weight after softmax
    weights = torch.softmax(scores, dim=-1)  # over the key positions
    context = torch.einsum("bt,btd->bd", weights, values)  # (B, Dv)
    return context, weights
