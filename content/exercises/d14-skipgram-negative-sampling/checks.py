import math

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def _noise(counts):
    c = counts.double()
    p = c.pow(0.75)
    return (p / p.sum()).to(counts.dtype if counts.is_floating_point() else torch.float32)


def cases(device):
    def case(name, counts, sampler, batch, k_loss, vocab, dim, dtype=torch.float32, embeds=None):
        n, k, seed, sampler_counts = sampler
        b = batch
        center = torch.randint(0, vocab, (b,), device=device)
        context = torch.randint(0, vocab, (b,), device=device)
        negatives = torch.randint(0, vocab, (b, k_loss), device=device)
        if embeds is None:
            in_embed = 0.5 * torch.randn(vocab, dim, dtype=dtype, device=device)
            out_embed = 0.5 * torch.randn(vocab, dim, dtype=dtype, device=device)
        else:
            in_embed, out_embed, center, context, negatives = embeds
        return (name, {"counts": counts, "probs": _noise(sampler_counts).to(device), "num_positives": n, "k": k,
                       "seed": seed, "center": center, "context": context, "negatives_in": negatives,
                       "in_embed": in_embed, "out_embed": out_embed})

    zipf = (10000 / torch.arange(1, 13)).round().long()
    zipf[[4, 9]] = 0  # two words never seen
    skewed = torch.tensor([5000, 2000, 800, 300, 100, 40, 0, 10], device=device)

    # dot products of exactly ±150: v = (5, 5, 5, 5), u = ±(7.5, 7.5, 7.5, 7.5)
    sign = torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0, -1.0], device=device)
    big_in = torch.full((6, 4), 5.0, device=device)
    big_out = 7.5 * sign[:, None] * torch.ones(6, 4, device=device)
    big = (big_in, big_out, torch.tensor([0, 2, 4], device=device), torch.tensor([1, 3, 0], device=device),
           torch.tensor([[0, 2], [4, 2], [1, 0]], device=device))

    # non-contiguous tables (transposed storage) and repeated ids: gradients must accumulate
    nc_in = torch.randn(5, 7, device=device).t()
    nc_out = torch.randn(5, 7, device=device).t()
    repeated = (nc_in, nc_out, torch.tensor([3, 3, 3, 1], device=device), torch.tensor([2, 2, 5, 1], device=device),
                torch.tensor([[2, 2, 2], [3, 0, 3], [6, 6, 5], [1, 1, 1]], device=device))

    return [
        case("Zipf counts with two unseen words; 20000 x 5 negatives; loss: batch 8, k = 5",
             zipf.to(device), (20000, 5, 7, zipf), 8, 5, 12, 6),
        case("skewed counts; 25000 x 4 negatives; loss: batch 16, k = 3", skewed, (25000, 4, 11, skewed.cpu()),
             16, 3, 8, 10),
        case("float64 huge counts (around 1e12); float64 tables; loss: batch 5, k = 4",
             torch.tensor([3e12, 1e12, 5e11, 2e9, 7.0], dtype=torch.float64, device=device),
             (6, 3, 3, torch.tensor([3e12, 1e12, 5e11, 2e9, 7.0], dtype=torch.float64)), 5, 4, 9, 5,
             dtype=torch.float64),
        case("a single positive with one negative; a word with count 1; loss: batch of one, k = 1",
             torch.tensor([1, 0, 4, 9], device=device), (1, 1, 5, torch.tensor([0, 0, 4, 0])), 1, 1, 4, 3),
        case("very large dot products (u·v = ±150)", torch.tensor([16, 81, 0, 1], device=device),
             (10, 2, 1, torch.tensor([16, 81, 0, 1])), 3, 2, 6, 4, embeds=big),
        case("non-contiguous tables, repeated ids (negatives equal to the context)",
             torch.tensor([2, 2, 2, 2, 2, 2, 2], device=device), (8, 8, 2, torch.ones(7)), 4, 3, 7, 5,
             embeds=repeated),
    ]


RTOL, ATOL = 1e-5, 1e-6


def _close(got, want):
    return math.isclose(got, want, rel_tol=1e-4, abs_tol=1e-6)


def _loss_variants(inputs):
    i, o = inputs["in_embed"].detach().cpu().double(), inputs["out_embed"].detach().cpu().double()
    c, ctx, neg = inputs["center"].cpu(), inputs["context"].cpu(), inputs["negatives_in"].cpu()

    def parts(center_table, context_table):
        v, u_o, u_k = center_table[c], context_table[ctx], context_table[neg]
        return (u_o * v).sum(-1), (u_k * v[:, None]).sum(-1)

    pos, neg_dot = parts(i, o)
    per = -(F.logsigmoid(pos) + F.logsigmoid(-neg_dot).sum(-1))
    variants = {
        "no_minus": float(-(F.logsigmoid(pos) + F.logsigmoid(neg_dot).sum(-1)).mean()),
        "sum": float(per.sum()),
        "mean_all": float(-torch.cat([F.logsigmoid(pos)[:, None], F.logsigmoid(-neg_dot)], 1).mean()),
        "mean_negatives": float(-(F.logsigmoid(pos) + F.logsigmoid(-neg_dot).mean(-1)).mean()),
    }
    for name, tables in (("one_table_in", (i, i)), ("one_table_out", (o, o)), ("swapped", (o, i))):
        p, n = parts(*tables)
        variants[name] = float(-(F.logsigmoid(p) + F.logsigmoid(-n).sum(-1)).mean())
    return variants


TIPS = {
    "no_minus": "this matches log σ(+u_k·v) for the negatives: a noise word must score LOW, so its term is "
                "log σ(-u_k·v_c), with a minus sign inside the sigmoid",
    "sum": "this is the sum over the batch; average the per-example losses over B (mean)",
    "mean_all": "this averages over all B * (k + 1) terms; sum the k + 1 terms of one example (the positive and "
                "its k negatives), then average over the batch",
    "mean_negatives": "this averages over the k negatives; inside one example the k noise terms are summed, "
                      "only the batch is averaged",
    "one_table_in": "this uses in_embed for every word; skip-gram has two tables: centre words from in_embed, "
                    "context and negative words from out_embed",
    "one_table_out": "this uses out_embed for every word; centre words come from in_embed, context and "
                     "negative words from out_embed",
    "swapped": "the tables are swapped: centre words come from in_embed, context and negative words from out_embed",
}


def _noise_tip(inputs, actual):
    if not isinstance(actual, torch.Tensor) or actual.shape != inputs["counts"].shape:
        return ""
    c = inputs["counts"].detach().cpu().double()
    got = actual.detach().cpu().double()
    plain = c / c.sum()
    if torch.allclose(got, plain, rtol=1e-4, atol=1e-9):
        return " — this is the plain unigram distribution counts / counts.sum(); raise the counts to the power 0.75 first"
    if torch.allclose(got, plain.pow(0.75), rtol=1e-4, atol=1e-9):
        return (" — this is (counts / counts.sum()) ** 0.75, which no longer sums to 1: apply the power first, "
                "then normalise by the sum of the powered counts")
    if abs(float(got.sum()) - 1) > 1e-4:
        return f" — the probabilities sum to {float(got.sum()):.4g}, not 1"
    return ""


def _check_negatives(inputs, actual):
    n, k, probs = inputs["num_positives"], inputs["k"], inputs["probs"]
    if not isinstance(actual, torch.Tensor):
        return f"`negatives`: expected a tensor, got {type(actual).__name__}"
    if tuple(actual.shape) != (n, k):
        return f"`negatives`: expected shape ({n}, {k}) (num_positives, k), got {tuple(actual.shape)}"
    if actual.dtype != torch.int64:
        return (f"`negatives`: expected dtype torch.int64 (word ids index embedding tables), got {actual.dtype}; "
                f"torch.multinomial already returns int64, do not convert it")
    if actual.device != probs.device:
        return f"`negatives`: expected a tensor on {probs.device}, got one on {actual.device}"
    ids = actual.detach().cpu().reshape(-1)
    v = probs.numel()
    if bool(((ids < 0) | (ids >= v)).any()):
        return f"`negatives`: ids must lie in [0, {v})"
    p = probs.detach().cpu().double()
    if bool((p[ids] == 0).any()):
        return "`negatives`: a word with probability 0 (count 0) was drawn; sample from probs with torch.multinomial"
    draws = ids.numel()
    if draws >= 50000:
        freq = torch.bincount(ids, minlength=v).double() / draws
        bound = 5 * (p * (1 - p) / draws).sqrt() + 1e-3
        bad = (freq - p).abs() > bound
        if bool(bad.any()):
            w = int(bad.nonzero()[0])
            msg = (f"`negatives`: over {draws} draws word {w} has frequency {float(freq[w]):.4f}, but its "
                   f"probability is {float(p[w]):.4f}")
            rows = actual.detach().cpu()
            if n > 1 and bool((rows == rows[:1]).all()):
                return msg + (" — every row holds the same k words: draw num_positives * k independent words "
                              "and view them as (num_positives, k), instead of one row repeated")
            sorted_rows = rows.sort(dim=1).values
            if not bool((sorted_rows[:, 1:] == sorted_rows[:, :-1]).any()):
                msg += (" — no row ever repeats a word: this is sampling without replacement, which under-samples "
                        "frequent words; negatives are independent draws, so pass replacement=True")
            return msg
    return None


def _diagnose_loss(inputs, actual):
    value = actual.get("loss")
    if not isinstance(value, torch.Tensor):
        return " — return the loss as a tensor (no .item() or float()), so that gradients can flow"
    if value.shape != ():
        return " — the loss is one number: sum the k negative terms per example, then average over the batch"
    got = float(value)
    if not math.isfinite(got):
        return (" — the loss is not finite although the reference is: log(sigmoid(x)) underflows to log(0) = -inf "
                "for very negative x; use F.logsigmoid, which computes log σ(x) stably")
    for name, want in _loss_variants(inputs).items():
        if _close(got, want):
            return " — " + TIPS[name]
    return ""


ORDER = ["noise_distribution", "counts unchanged", "negatives", "same seed, same negatives",
         "another seed, other negatives", "probs unchanged",
         "ids unchanged", "loss", "grad:in_embed", "grad:out_embed"]


def compare(name, inputs, expected, actual):
    for key in ORDER:
        if key not in expected:
            continue
        got = actual.get(key)
        if key == "negatives":
            problem = _check_negatives(inputs, got)
            if problem:
                return problem
            continue
        if key == "same seed, same negatives" and got is not True:
            return ("sample_negatives: two calls with generators seeded alike gave different negatives; take all "
                    "randomness from the generator: torch.multinomial(..., generator=generator)")
        if key == "another seed, other negatives":
            if expected[key] is True and got is not True:
                return ("sample_negatives: generators with different seeds gave the same negatives; the randomness "
                        "must come from the generator passed in (no fixed seed or generator of your own): "
                        "torch.multinomial(..., generator=generator)")
            continue
        if key in ("counts unchanged", "probs unchanged", "ids unchanged") and got is not True:
            what = key.split()[0]
            return f"the {what} passed in were modified in place; compute on new tensors (no pow_, div_, +=, ...)"
        if key.startswith("grad:") and got is None:
            return (f"gradient w.r.t. `{key[5:]}` is missing: the loss is not connected to {key[5:]} — centre words "
                    f"come from in_embed, context and negative words from out_embed, with no .detach() or .item()")
        problem = compare_value(key, expected[key], got, RTOL, ATOL)
        if problem:
            if key == "noise_distribution":
                return problem + _noise_tip(inputs, got)
            if key == "loss":
                return problem + _diagnose_loss(inputs, actual)
            if key.startswith("grad:") and not all(math.isfinite(float(x)) for x in got.reshape(-1)):
                return problem + (" — the gradient is not finite: log(sigmoid(x)) has a 0/0 gradient where "
                                  "sigmoid underflows; use F.logsigmoid")
            return problem
    return None
