import torch

from quizzer.practice.compare import compare_value


def _case(lengths, t, dq=4, dk=5, dv=3, h=6, dtype=torch.float32, device="cpu", non_contiguous=False,
          huge_padding=False):
    b = len(lengths)
    keys = torch.randn(b, t, dk, dtype=dtype, device=device)
    if non_contiguous:
        keys = torch.randn(t, b, dk, dtype=dtype, device=device).transpose(0, 1)  # (B, T, Dk) view
    mask = torch.arange(t, device=device) < torch.tensor(lengths, device=device)[:, None]
    values = torch.randn(b, t, dv, dtype=dtype, device=device)
    if huge_padding:
        values = values.masked_fill(~mask[..., None], 1e6)  # would dominate the context if weighted
        keys = keys.masked_fill(~mask[..., None], 50.0)
    return {"query": torch.randn(b, dq, dtype=dtype, device=device), "keys": keys, "values": values,
            "W_q": torch.randn(dq, h, dtype=dtype, device=device) / dq ** 0.5,
            "W_k": torch.randn(dk, h, dtype=dtype, device=device) / dk ** 0.5,
            "v": torch.randn(h, dtype=dtype, device=device), "mask": mask,
            "upstream": (torch.randn(b, dv, dtype=dtype, device=device), torch.randn(b, t, dtype=dtype, device=device))}


def cases(device):
    return [
        ("4 sequences, lengths [5, 3, 1, 4] of T = 5", _case([5, 3, 1, 4], 5, device=device)),
        ("no padding at all", _case([6, 6, 6], 6, device=device)),
        ("batch of one, length 2 of T = 4", _case([2], 4, device=device)),
        ("T = 1", _case([1, 1], 1, device=device)),
        ("float64, lengths [7, 2, 5]", _case([7, 2, 5], 7, dtype=torch.float64, device=device)),
        ("non-contiguous keys (a transposed time-first tensor)", _case([3, 4, 2], 4, device=device,
                                                                       non_contiguous=True)),
        ("huge values and keys in padded positions", _case([2, 5, 1, 3], 5, device=device, huge_padding=True)),
        ("Dq != Dk, hidden size 1", _case([3, 1], 3, dq=2, dk=7, dv=1, h=1, device=device)),
    ]


# a softmax and a weighted sum: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-6


def _variants(inputs):
    """(context, weights) as common mistakes compute them, in float64, to name the mistake."""
    q, k, val, wq, wk, v = (inputs[n].detach().cpu().double() for n in ("query", "keys", "values", "W_q", "W_k", "v"))
    mask = inputs["mask"].cpu()
    hidden = (q @ wq).unsqueeze(1) + k @ wk
    scores = torch.tanh(hidden) @ v
    masked = scores.masked_fill(~mask, float("-inf"))
    out = {
        "no_mask": torch.softmax(scores, -1),
        "zero_fill": torch.softmax(scores.masked_fill(~mask, 0.0), -1),
        "mask_after": torch.softmax(scores, -1) * mask,
        "no_tanh": torch.softmax((hidden @ v).masked_fill(~mask, float("-inf")), -1),
        "mask_inverted": torch.softmax(scores.masked_fill(mask, float("-inf")), -1),
    }
    if scores.shape[0] > 1:
        out["batch_dim"] = torch.softmax(masked, 0)
    return {name: (torch.einsum("bt,btd->bd", w, val), w) for name, w in out.items()}


TIPS = {
    "no_mask": ("padded positions got weight: set their scores to -inf before the softmax, "
                "scores.masked_fill(~mask, float('-inf'))"),
    "zero_fill": ("the padded scores were set to 0, not -inf: exp(0) = 1 still gives them weight. Fill with "
                  "float('-inf') so that softmax gives them exactly zero"),
    "mask_after": ("the weights were zeroed after the softmax, so the rows no longer sum to 1: mask the scores "
                   "with -inf before the softmax instead"),
    "no_tanh": "the tanh is missing: score = v · tanh(query @ W_q + keys @ W_k)",
    "mask_inverted": "the mask is inverted: True marks a real position, so fill where ~mask",
    "batch_dim": ("the softmax ran over the batch dimension: each query's weights are a distribution over its "
                  "T key positions, dim=-1 of the (B, T) scores"),
}


def _close(a, b):
    return (isinstance(a, torch.Tensor) and a.shape == b.shape
            and torch.allclose(a.detach().cpu().double().nan_to_num(), b.nan_to_num(), rtol=1e-4, atol=1e-5))


def _tip(key, inputs, actual):
    if key == "returns":
        return "return a tuple (context, weights) of two tensors: `return context, weights`"
    if key == "inputs unchanged":
        changed = ", ".join(actual.get("changed inputs") or []) or "an input"
        return (f"an input was changed in place ({changed}): the caller reuses the encoder states and the mask. "
                "Usual causes: keys.masked_fill_(...), values[~mask] = 0, mask.logical_not_(); use out-of-place "
                "ops (masked_fill, torch.where)")
    if key == "connected to the autograd graph":
        return ("context and weights must stay connected to the autograd graph so that W_q, W_k and v train: no "
                ".detach(), .data, .item() or torch.tensor(...) rebuilding")
    if key in ("context", "weights"):
        for name, (context, weights) in _variants(inputs).items():
            if _close(actual.get(key), context if key == "context" else weights):
                return TIPS[name]
        return ""
    if key.startswith("grad:") and actual.get(key) is None:
        return f"no gradient reached {key[5:]}: it is unused or the graph was cut (.detach(), .data)"
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
