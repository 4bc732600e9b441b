# expect: EmbeddingBag returns zeros
# A per-bag loop: mean() of an empty slice is nan, where EmbeddingBag gives zeros.
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
    ends = offsets[1:].tolist() + [tokens.shape[0]]
    rows = []
    for start, end in zip(offsets.tolist(), ends):
        bag = tokens[start:end]
        if padding_idx is not None:
            bag = bag[bag != padding_idx]
        rows.append(weight[bag].mean(dim=0))
    return torch.stack(rows)
