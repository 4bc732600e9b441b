# expect: among equal scores the smaller ids come first
# Assumes the query is always its own first neighbour and drops column 0 of the sorted list.
import torch
import torch.nn.functional as F


def _unit(weight, eps):
    return weight / weight.norm(dim=1, keepdim=True).clamp_min(eps)  # a new tensor; weight is untouched


def nearest_neighbours(weight: torch.Tensor, query_ids: torch.Tensor, k: int,
                       eps: float = 1e-8) -> tuple[torch.Tensor, torch.Tensor]:
    n = _unit(weight, eps)
    sim = n[query_ids] @ n.T  # (Q, V) cosine similarities
    m = min(k, weight.shape[0] - 1)
    scores, ids = torch.sort(sim, dim=1, descending=True, stable=True)  # stable: ties keep id order
    return scores[:, 1:m+1], ids[:, 1:m+1]


def analogy(weight: torch.Tensor, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor,
            eps: float = 1e-8) -> torch.Tensor:
    n = _unit(weight, eps)
    target = n[b] - n[a] + n[c]  # normalise first, then the arithmetic
    scores = target @ n.T  # (Q, V)
    scores = scores.scatter(1, torch.stack([a, b, c], dim=1), float("-inf"))
    return scores.argmax(dim=1)  # the first maximum: the smaller id on ties


def mean_bag(weight: torch.Tensor, tokens: torch.Tensor, offsets: torch.Tensor,
             padding_idx: int | None = None) -> torch.Tensor:
    n, b = tokens.shape[0], offsets.shape[0]
    bag = torch.searchsorted(offsets, torch.arange(n, device=tokens.device), right=True) - 1
    keep = torch.ones_like(tokens, dtype=torch.bool) if padding_idx is None else tokens != padding_idx
    total = weight.new_zeros(b, weight.shape[1]).index_add(0, bag[keep], weight[tokens[keep]])
    count = weight.new_zeros(b).index_add(0, bag[keep], weight.new_ones(int(keep.sum())))
    return total / count.clamp_min(1).unsqueeze(1)
