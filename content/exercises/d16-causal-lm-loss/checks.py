import math

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def cases(device):
    def ids_and_mask(b, t, v, lengths=None, left=False, pad_id=0):
        ids = torch.randint(1, v, (b, t), device=device)
        if lengths is None:
            return ids, None
        pos = torch.arange(t, device=device)
        n = torch.tensor(lengths, device=device)[:, None]
        mask = (pos >= t - n) if left else (pos < n)
        return ids.masked_fill(~mask, pad_id), mask.long()

    def case(name, logits, ids, mask, ignore_index=-100):
        return (name, {"logits": logits, "input_ids": ids, "attention_mask": mask, "ignore_index": ignore_index})

    made = []
    ids, mask = ids_and_mask(3, 7, 11)
    made.append(case("3 sequences of 7 tokens, vocabulary 11, no mask", torch.randn(3, 7, 11, device=device), ids, mask))
    ids, mask = ids_and_mask(4, 9, 13, lengths=[9, 6, 3, 7])
    made.append(case("right padding, uneven lengths 9, 6, 3, 7", 2 * torch.randn(4, 9, 13, device=device), ids, mask))
    ids, mask = ids_and_mask(4, 8, 10, lengths=[8, 5, 2, 6], left=True)
    made.append(case("left padding, uneven lengths", torch.randn(4, 8, 10, device=device), ids, mask.bool()))
    ids, mask = ids_and_mask(3, 6, 9, lengths=[6, 1, 4])
    made.append(case("a row that is padding but for one token (no target in it)", torch.randn(3, 6, 9, device=device),
                     ids, mask))
    ids, _ = ids_and_mask(2, 10, 12)
    ids[0, 1:5] = -100  # a prompt whose tokens are not trained
    ids[1, [2, 3, 7]] = -100
    made.append(case("targets set to ignore_index = -100 (a masked prompt), no attention mask",
                     torch.randn(2, 10, 12, device=device), ids, None))
    ids, mask = ids_and_mask(5, 2, 7, lengths=[2, 2, 1, 2, 2])
    made.append(case("float64, T = 2 (one prediction per row)", torch.randn(5, 2, 7, dtype=torch.float64, device=device),
                     ids, mask))
    ids, mask = ids_and_mask(3, 6, 8, lengths=[6, 4, 5])
    made.append(case("non-contiguous logits (a transposed (T, B, V) tensor)",
                     torch.randn(6, 3, 8, device=device).transpose(0, 1), ids, mask))
    ids, mask = ids_and_mask(3, 5, 50, lengths=[5, 3, 4])
    made.append(case("a uniform model (all-zero logits): loss log V, perplexity V = 50",
                     torch.zeros(3, 5, 50, device=device), ids, mask))
    ids, mask = ids_and_mask(4, 12, 6, lengths=[12, 3, 9, 2], pad_id=5)
    ids[0, 3] = -1
    made.append(case("pad id 5, ignore_index = -1, right padding", torch.randn(4, 12, 6, device=device), ids, mask,
                     ignore_index=-1))
    ids, mask = ids_and_mask(1, 9, 10, lengths=[6])
    made.append(case("a batch of one sequence, right padding", torch.randn(1, 9, 10, device=device), ids, mask))
    ids, mask = ids_and_mask(3, 8, 40, lengths=[8, 6, 7])
    made.append(case("a confident model: float32 logits of magnitude up to ~400 (exp overflows)",
                     100 * torch.randn(3, 8, 40, device=device), ids, mask))
    ids, _ = ids_and_mask(3, 10, 8, lengths=[10, 6, 8], pad_id=3)
    ids[0, 4] = 3  # a real token equal to the ignore_index is ignored too
    made.append(case("ignore_index = 3 (the pad id, a non-negative id), no attention mask",
                     torch.randn(3, 10, 8, device=device), ids, None, ignore_index=3))
    return made


RTOL, ATOL = 1e-5, 1e-6  # a mean of log-softmaxes


def _ce_mean(logits, targets, ignore):
    """Mean cross-entropy of (B, L, V) logits against (B, L) targets; also the sum and the count."""
    keep = targets != ignore
    logp = torch.log_softmax(logits, -1)
    picked = logp.gather(-1, targets.masked_fill(~keep, 0)[..., None]).squeeze(-1)
    total = float(-(picked * keep).sum())
    return total, int(keep.sum())


def _variants(inputs):
    logits = inputs["logits"].detach().cpu().double()
    ids, mask, ignore = inputs["input_ids"].cpu(), inputs["attention_mask"], inputs["ignore_index"]
    mask = torch.ones_like(ids, dtype=torch.bool) if mask is None else mask.cpu().bool()
    b, t, _ = logits.shape
    tg = ids[:, 1:]
    out = {}
    s, n = _ce_mean(logits[:, :-1], tg.masked_fill(~mask[:, 1:], ignore), ignore)
    out["sum"], out["mean_bt"], out["mean_bt1"] = s, s / (b * t), s / (b * (t - 1))
    s2, n2 = _ce_mean(logits, ids.masked_fill(~mask, ignore), ignore)
    out["no_shift"] = s2 / max(n2, 1)
    s3, n3 = _ce_mean(logits[:, 1:], ids[:, :-1].masked_fill(~mask[:, :-1], ignore), ignore)
    out["wrong_way"] = s3 / max(n3, 1)
    s4, n4 = _ce_mean(logits[:, :-1], tg, ignore)
    out["pad_counted"] = s4 / max(n4, 1)
    s5, n5 = _ce_mean(logits[:, :-1], tg.masked_fill(~mask[:, :-1], ignore), ignore)
    out["mask_unshifted"] = s5 / max(n5, 1)
    tm = tg.masked_fill(~mask[:, 1:], ignore)
    rows = [_ce_mean(logits[i:i + 1, :-1], tm[i:i + 1], ignore) for i in range(b)]
    rows = [s_ / n_ for s_, n_ in rows if n_]
    out["row_means"] = sum(rows) / max(len(rows), 1)
    if ignore != -100:
        fixed = tg.masked_fill(~mask[:, 1:], -100)
        if not ((fixed < 0) & (fixed != -100)).any():
            s6, n6 = _ce_mean(logits[:, :-1], fixed, -100)
            out["ignore_fixed"] = s6 / max(n6, 1)
    return out


TIPS = {
    "no_shift": "this matches predicting each position's own token: position t's logits predict token t + 1, so "
                "compare logits[:, :-1] with input_ids[:, 1:]",
    "wrong_way": "this matches shifting the wrong way (logits[:, 1:] against input_ids[:, :-1], predicting the "
                 "previous token); the targets are the next tokens: logits[:, :-1] against input_ids[:, 1:]",
    "pad_counted": "this matches counting the padded targets: where attention_mask is 0 at the target's position, "
                   "set the target to ignore_index before the cross-entropy",
    "mask_unshifted": "this matches masking with attention_mask[:, :-1], the inputs' positions: the mask must be "
                      "shifted with the targets, attention_mask[:, 1:] (off by one otherwise)",
    "mean_bt": "this matches dividing by B * T: the mean is over the counted targets only, so padding and the "
               "last position must not enter the denominator",
    "mean_bt1": "this matches dividing by B * (T - 1): the mean is over the counted targets only (padding and "
                "ignore_index excluded)",
    "ignore_fixed": "this matches ignoring only the targets equal to -100: honour the ignore_index argument "
                    "(any id, also a non-negative one), pass ignore_index=ignore_index to F.cross_entropy and use it "
                    "when masking the padding",
    "row_means": "this matches a mean of per-sequence means: every counted target has the same weight, so "
                 "divide the sum over the whole batch by the number of counted targets (one F.cross_entropy over "
                 "the flattened batch does this)",
    "sum": "this is the sum of the per-token losses; the loss is their mean over the counted targets",
}


def _diagnose(inputs, actual):
    value = actual.get("output")
    if not isinstance(value, torch.Tensor):
        return "return the loss as a tensor (no .item() or float()), so that gradients can flow"
    if value.shape != ():
        return "the loss is one number, a 0-dim tensor: the mean over the counted targets (reduction='mean')"
    got = float(value)
    if not math.isfinite(got):
        return ("the loss is not finite: exp() of large logits overflows (or log() of a softmax that underflows "
                "to 0 gives -inf); use F.cross_entropy or torch.log_softmax, which subtract the row's maximum "
                "first (the log-sum-exp trick), never log(softmax(x)) or x.exp().sum().log()")
    for mistake, loss in _variants(inputs).items():
        if math.isclose(got, loss, rel_tol=1e-4, abs_tol=1e-6):
            return TIPS[mistake]
    return ""


def compare(name, inputs, expected, actual):
    if not actual.get("inputs_unchanged"):
        return ("input_ids or attention_mask were modified in place; the caller still needs them: build the "
                "masked targets as a new tensor (masked_fill without the underscore, or clone first)")
    problem = compare_value("output", expected["output"], actual.get("output"), RTOL, ATOL)
    if problem:
        tip = _diagnose(inputs, actual)
        return f"{problem} — {tip}" if tip else problem
    if "grad:logits" not in actual:
        return ("the loss is not connected to the logits' autograd graph (a .detach(), .item(), .data or "
                "torch.no_grad()?)")
    grad, want = actual["grad:logits"], expected["grad:logits"]
    problem = compare_value("grad:logits", want, grad, RTOL, ATOL)
    if problem:
        if isinstance(grad, torch.Tensor) and grad.shape == want.shape and grad[:, -1].abs().max() > 0:
            return (f"{problem} — the logits at the last position predict no target in the sequence, so their "
                    "gradient must be zero: use logits[:, :-1]")
        return problem
    if actual.get("perplexity_type") != "float":
        return (f"perplexity: expected a Python float, got {actual.get('perplexity_type')}: return "
                "math.exp(float(loss)) (or torch.exp(loss).item())")
    ppl, want_ppl = actual.get("perplexity"), expected["perplexity"]
    if not math.isclose(ppl, want_ppl, rel_tol=1e-5):
        loss = float(expected["output"])
        if math.isclose(ppl, 2 ** loss, rel_tol=1e-5):
            return (f"perplexity: expected exp(loss) = {want_ppl:.6g}, got 2 ** loss = {ppl:.6g}: cross_entropy uses "
                    "the natural log (nats), so perplexity is exp(loss); 2 ** loss is for losses in bits")
        return f"perplexity: expected exp(loss) = {want_ppl:.6g}, got {ppl:.6g}"
    return None
