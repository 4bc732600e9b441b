import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def _unit(w):
    return w / w.norm(dim=1, keepdim=True).clamp_min(1e-8)


def _planted_analogies(w, quads, noise):
    """Row d of every (a, b, c, d) becomes n_b - n_a + n_c plus noise: the 3CosAdd answer."""
    w = w.clone()
    for a, b, c, d in quads:
        n = _unit(w)
        w[d] = 2.0 * (n[b] - n[a] + n[c]) + noise * torch.randn(w.shape[1], dtype=w.dtype)
    return w


def _case(name, weight, query_ids, k, quads, tokens, offsets, padding_idx, device):
    a, b, c = (torch.tensor([q[i] for q in quads]) for i in range(3))
    return (name, {"weight": weight.to(device), "query_ids": torch.tensor(query_ids, device=device), "k": k,
                   "a": a.to(device), "b": b.to(device), "c": c.to(device),
                   "tokens": torch.tensor(tokens, device=device), "offsets": torch.tensor(offsets, device=device),
                   "padding_idx": padding_idx,
                   "probe_grad": torch.randn(len(offsets), weight.shape[1], dtype=weight.dtype).to(device)})


def cases(device):
    # words of very different lengths: normalising before the arithmetic changes the answer
    scale = torch.tensor([5.0, 0.2, 1.0, 1, 1, 3, 0.5, 1, 2, 1, 4, 0.3, 1, 1, 1, 1, 1, 1, 1, 1])
    w1 = torch.randn(20, 16) * scale[:, None]
    w1 = _planted_analogies(w1, [(0, 1, 2, 3), (5, 6, 7, 8), (10, 11, 12, 13)], 0.05)
    w1[14] = 0.0  # a zero vector: similarity 0 with every word
    w1[15] = w1[4]  # an exact duplicate: a tie
    w1[17] = 7.0 * w1[18]  # parallel: cosine 1

    # b and c nearly parallel: n_b and n_c score higher than the planted answer unless excluded
    w2 = torch.randn(12, 8, dtype=torch.float64)
    w2[2] = w2[1] + 0.1 * torch.randn(8, dtype=torch.float64)
    w2[3] = 0.6 * (_unit(w2)[1] - _unit(w2)[0] + _unit(w2)[2]) + 0.2 * torch.randn(8, dtype=torch.float64)
    w2[6] = w2[5] + 0.1 * torch.randn(8, dtype=torch.float64)
    w2[7] = 0.6 * (_unit(w2)[5] - _unit(w2)[4] + _unit(w2)[6]) + 0.2 * torch.randn(8, dtype=torch.float64)
    # a, b and c nearly parallel: a itself scores highest unless it is excluded too
    w2[9] = w2[8] + 0.05 * torch.randn(8, dtype=torch.float64)
    w2[10] = w2[8] + 0.05 * torch.randn(8, dtype=torch.float64)
    w2[11] = 0.6 * (_unit(w2)[9] - _unit(w2)[8] + _unit(w2)[10]) + 0.4 * torch.randn(8, dtype=torch.float64)

    w3 = torch.randn(5, 3)
    w3[1] = 0.0
    w3[3] = w3[0]

    w4 = torch.randn(6, 30).t()  # non-contiguous (30, 6) table
    return [
        _case("20 words with planted analogies, zero vector, duplicates; 4 queries, k = 5", w1,
              [4, 14, 18, 0], 5, [(0, 1, 2, 3), (5, 6, 7, 8), (10, 11, 12, 13)],
              [1, 2, 3, 0, 0, 4, 9, 9, 9, 5, 0], [0, 3, 5, 5, 9], 0, device),
        _case("float64, analogies where b and c are near neighbours; empty bag at the end", w2,
              [1, 5], 3, [(0, 1, 2, 3), (4, 5, 6, 7), (8, 9, 10, 11)], [3, 4, 5, 11, 2], [0, 2, 5], None, device),
        _case("5 words, k = 10 > V - 1 = 4; a bag of only padding; batch of one query", w3, [1], 10,
              [(0, 2, 4, 3)], [2, 2, 4, 2], [0, 2], 2, device),
        _case("non-contiguous table; one bag with every token", w4, [0, 7, 29], 4, [(1, 2, 3, 4)],
              [5, 6, 7, 8, 0, 29, 29], [0], None, device),
    ]


RTOL, ATOL = 1e-5, 1e-6


def _cos(w):
    n = _unit(w.detach().cpu().double())
    return n @ n.T


def _check_ids(inputs, expected, actual_ids, actual_scores):
    if not isinstance(actual_ids, torch.Tensor):
        return f"`ids`: expected a tensor, got {type(actual_ids).__name__}"
    problem = compare_value("ids", expected["ids"], actual_ids, None, None)
    if problem is None:
        return None
    if actual_ids.shape != expected["ids"].shape:
        v, k = inputs["weight"].shape[0], inputs["k"]
        return problem + (f" — return m = min(k, V - 1) = {min(k, v - 1)} neighbours per query: the query itself "
                          f"never counts, so at most V - 1 words remain")
    if actual_ids.dtype != torch.int64:
        return problem
    q = inputs["query_ids"].cpu()
    ids = actual_ids.detach().cpu()
    if bool((ids == q[:, None]).any()):
        return problem + " — the query word itself is in its own list; exclude it (set its own column to -inf)"
    cos = _cos(inputs["weight"])[q]
    got = cos.gather(1, ids)
    want = expected["scores"].detach().cpu().double()
    if ids.shape[1] > 1 and bool((got[:, 1:] >= got[:, :-1] - 1e-9).all()) and not torch.allclose(got, want):
        return problem + " — the list runs from least to most similar; sort in descending order"
    if torch.allclose(got, want, rtol=1e-5, atol=1e-6):
        tied = (want[:, 1:] - want[:, :-1]).abs() <= 1e-6
        if not bool((ids[:, 1:] > ids[:, :-1])[tied].all()):
            return problem + (" — equal scores must come in the order of the smaller word id; topk does not promise "
                              "any order among ties: use torch.sort(sim, dim=1, descending=True, stable=True)")
        listed = torch.zeros_like(cos, dtype=torch.bool).scatter(1, ids, True)
        listed.scatter_(1, q[:, None], True)
        for r in range(ids.shape[0]):
            for j in (~listed[r]).nonzero().flatten().tolist():
                same = (got[r] - cos[r, j]).abs() <= 1e-6
                if bool((ids[r][same] > j).any()):
                    return problem + (f" — word {j} has the same score as a word with a larger id that was listed "
                                      f"instead; among equal scores the smaller ids come first, so keep the query's "
                                      f"own column in place (set it to -inf) and use a stable descending sort")
        return None  # the same words, only near-ties swapped by rounding
    raw = inputs["weight"].detach().cpu().double()
    dots = (raw[q] @ raw.T).scatter(1, q[:, None], float("-inf"))
    if torch.equal(ids, dots.sort(dim=1, descending=True, stable=True).indices[:, :ids.shape[1]]):
        return problem + (" — this ranks by the raw dot product, which favours long vectors; cosine similarity "
                          "divides by both norms (normalise the rows first)")
    return problem


def _analogy_tip(inputs, actual):
    if not isinstance(actual, torch.Tensor) or actual.shape != inputs["a"].shape:
        return ""
    w = inputs["weight"].detach().cpu().double()
    a, b, c = inputs["a"].cpu(), inputs["b"].cpu(), inputs["c"].cpu()
    n = _unit(w)
    abc = torch.stack([a, b, c], 1)
    got = actual.detach().cpu()
    if bool((got[:, None] == abc).any()):
        return (" — the answer is one of a, b, c; 3CosAdd excludes the three question words (b or c is almost always "
                "the closest word to b - a + c): set their columns to -inf")
    after = (_unit(w[b] - w[a] + w[c]) @ n.T).scatter(1, abc, float("-inf")).argmax(1)
    raw = ((w[b] - w[a] + w[c]) @ w.T).scatter(1, abc, float("-inf")).argmax(1)
    if torch.equal(got, after) or torch.equal(got, raw):
        return (" — the arithmetic ran on the raw vectors, so long vectors dominate b - a + c; normalise every "
                "vector to unit length first, then compute n_b - n_a + n_c")
    return ""


def _bag_tip(inputs, actual):
    if not isinstance(actual, torch.Tensor) or not actual.is_floating_point():
        return ""
    if bool(actual.isnan().any()):
        return (" — a bag with no tokens left (empty, or only padding) gave nan (0 / 0); EmbeddingBag returns zeros "
                "there: divide by count.clamp_min(1)")
    w = inputs["weight"].detach().cpu().double()
    tokens, offsets, pad = inputs["tokens"].cpu(), inputs["offsets"].cpu(), inputs["padding_idx"]
    ends = torch.cat([offsets[1:], torch.tensor([tokens.numel()])])
    with_pad = torch.stack([w[tokens[s:e]].mean(0) if e > s else torch.zeros(w.shape[1], dtype=w.dtype)
                            for s, e in zip(offsets.tolist(), ends.tolist())])
    if pad is not None and torch.allclose(actual.detach().cpu().double(), with_pad, atol=1e-5):
        return (" — the padding tokens were averaged in; EmbeddingBag leaves tokens equal to padding_idx out of "
                "the sum and out of the count")
    if pad is not None:
        keep = (tokens != pad).double()
        bag = torch.searchsorted(offsets, torch.arange(tokens.numel()), right=True) - 1
        total = torch.zeros(len(offsets), w.shape[1], dtype=w.dtype).index_add(0, bag, w[tokens] * keep[:, None])
        count = torch.zeros(len(offsets), dtype=w.dtype).index_add(0, bag, torch.ones(tokens.numel(), dtype=w.dtype))
        if torch.allclose(actual.detach().cpu().double(), total / count.clamp_min(1)[:, None], atol=1e-5):
            return (" — the padding tokens were left out of the sum but still counted; EmbeddingBag leaves them "
                    "out of the count too: divide by the number of non-padding tokens")
    return ""


ORDER = ["scores", "ids", "analogy", "weight unchanged", "mean_bag", "grad:weight"]


def compare(name, inputs, expected, actual):
    for key in ORDER:
        if key not in expected:
            continue
        got = actual.get(key)
        if key == "weight unchanged":
            if got is not True:
                return ("the weight passed in was modified in place (a /=, div_ or normalisation written back); "
                        "it is the model's parameter: normalise into a new tensor")
            continue
        if key == "scores":
            problem = compare_value(key, expected[key], got, RTOL, ATOL)
            if problem:
                if isinstance(got, torch.Tensor) and got.is_floating_point() and bool(got.isnan().any()):
                    return problem + (" — nan similarities: a zero vector has norm 0 and 0 / 0 = nan; divide by the "
                                      "norm clamped to at least eps (norm.clamp_min(eps)), as F.cosine_similarity "
                                      "does, so a zero vector has similarity 0 with everything")
                tip = _check_ids(inputs, expected, actual.get("ids"), got)
                return tip if tip and " — " in tip else problem
            continue
        if key == "ids":
            problem = _check_ids(inputs, expected, got, actual.get("scores"))
            if problem:
                return problem
            continue
        if key == "grad:weight" and got is None:
            return ("gradient w.r.t. `weight` is missing: mean_bag's output is not connected to weight "
                    "(a .detach(), .data, .item() or torch.no_grad()?)")
        problem = compare_value(key, expected[key], got, RTOL, ATOL)
        if problem:
            if key == "analogy":
                return problem + _analogy_tip(inputs, got)
            if key == "mean_bag":
                return problem + _bag_tip(inputs, got)
            return problem
    return None
