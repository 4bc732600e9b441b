# expect: the padding tokens were averaged in
# Averages every token of the bag, padding included.
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
    scores = (n[b] - n[a] + n[c]) @ n.T
    return scores.scatter(1, torch.stack([a, b, c], 1), float("-inf")).argmax(dim=1)


def mean_bag(weight, tokens, offsets, padding_idx=None):
    bag = torch.searchsorted(offsets, torch.arange(tokens.shape[0], device=tokens.device), right=True) - 1
    total = weight.new_zeros(offsets.shape[0], weight.shape[1]).index_add(0, bag, weight[tokens])
    count = weight.new_zeros(offsets.shape[0]).index_add(0, bag, weight.new_ones(tokens.shape[0]))
    return total / count.clamp_min(1).unsqueeze(1)
