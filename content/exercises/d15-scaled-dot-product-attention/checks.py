import math

import torch

from quizzer.practice.compare import compare_value


def _case(batch, L, S, E, Ev, dtype=torch.float32, device="cpu", attn_mask=None, is_causal=False, scale=None,
          non_contiguous=False, huge=False):
    query = torch.randn(*batch, L, E, dtype=dtype, device=device)
    key = torch.randn(*batch, S, E, dtype=dtype, device=device)
    if non_contiguous:
        key = torch.randn(*batch, E, S, dtype=dtype, device=device).transpose(-2, -1)  # (..., S, E) view
    if huge:  # integer entries: scores of size ~1e4 computed exactly, so the case is well conditioned
        query = torch.randint(-60, 61, (*batch, L, E), device=device).to(dtype)
        key = torch.randint(-60, 61, (*batch, S, E), device=device).to(dtype)
    value = torch.randn(*batch, S, Ev, dtype=dtype, device=device)
    return {"query": query, "key": key, "value": value, "attn_mask": attn_mask, "is_causal": is_causal,
            "scale": scale, "huge": huge, "upstream": (torch.randn(*batch, L, Ev, dtype=dtype, device=device),
                                         torch.randn(*batch, L, S, dtype=dtype, device=device))}


def _bool_mask(shape, device):
    keep = torch.rand(shape, device=device) > 0.4
    keep[..., 0] = True  # every query keeps at least one key
    keep[..., -1] = False  # and loses at least one
    return keep


def _float_mask(shape, device):
    bias = torch.randn(shape, device=device)
    return bias.masked_fill(~_bool_mask(shape, device), float("-inf"))


def cases(device):
    return [
        ("batch (2, 3), L = 4 queries, S = 6 keys, E = 8, Ev = 5", _case((2, 3), 4, 6, 8, 5, device=device)),
        ("bool attn_mask (L, S) broadcast over the batch: True = take part",
         _case((3,), 5, 7, 4, 4, device=device, attn_mask=_bool_mask((5, 7), device))),
        ("additive float attn_mask with -inf entries, shape (B, 1, L, S)",
         _case((2, 2), 4, 5, 6, 3, device=device, attn_mask=_float_mask((2, 1, 4, 5), device))),
        ("is_causal with L = 3 < S = 6 (top-left aligned)", _case((2,), 3, 6, 4, 5, device=device, is_causal=True)),
        ("is_causal with L = 6 > S = 3 (top-left aligned)", _case((2,), 6, 3, 4, 2, device=device, is_causal=True)),
        ("is_causal, L = S = 5, E = 16 != Ev = 3", _case((1, 2), 5, 5, 16, 3, device=device, is_causal=True)),
        ("explicit scale = 0.7", _case((2,), 4, 4, 9, 9, device=device, scale=0.7)),
        ("very large scores (about 1e4)", _case((2,), 4, 6, 4, 3, device=device, huge=True)),
        ("float64, one leading dim, bool mask", _case((3,), 4, 5, 6, 2, dtype=torch.float64, device=device,
                                                      attn_mask=_bool_mask((3, 4, 5), device))),
        ("no batch dims, a single query (L = 1)", _case((), 1, 5, 3, 4, device=device)),
        ("four leading dims, non-contiguous key", _case((2, 1, 2, 2), 3, 4, 5, 6, device=device,
                                                       non_contiguous=True)),
        ("explicit scale = 0.0 (every key gets the same weight)", _case((2,), 3, 5, 4, 3, device=device, scale=0.0)),
    ]


# a matmul, a softmax and another matmul: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-6
# float64 results must be float64-accurate: a float32 step inside shows up far above this
RTOL64, ATOL64 = 1e-10, 1e-12


def _variants(inputs):
    """(output, weights) as common mistakes compute them, in float64, to name the mistake."""
    q, k, v = (inputs[n].detach().cpu().double() for n in ("query", "key", "value"))
    mask, causal, scale = inputs["attn_mask"], inputs["is_causal"], inputs["scale"]
    mask = None if mask is None else mask.cpu()
    L, S, E, Ev = q.shape[-2], k.shape[-2], q.shape[-1], v.shape[-1]
    raw = q @ k.transpose(-2, -1)

    def attend(scores, fill=float("-inf"), invert=False, causal_mask=None, dim=-1):
        if causal:
            allowed = torch.ones(L, S, dtype=torch.bool).tril() if causal_mask is None else causal_mask
            scores = scores.masked_fill(~allowed, fill)
        if mask is not None:
            if mask.dtype == torch.bool:
                scores = scores.masked_fill(mask if invert else ~mask, fill)
            else:
                scores = scores + mask.double()
        return torch.softmax(scores, dim=dim)

    s = 1 / math.sqrt(E) if scale is None else scale
    out = {"no_scale": attend(raw)}
    if scale is None:
        out["divide_by_E"] = attend(raw / E)
        if Ev != E:
            out["value_dim"] = attend(raw / math.sqrt(Ev))
    elif scale == 0:
        out["scale_zero_as_none"] = attend(raw / math.sqrt(E))
    elif scale != 1:
        out["ignored_scale"] = attend(raw / math.sqrt(E))
        out["divide_by_scale"] = attend(raw / scale)
    if mask is not None and mask.dtype == torch.bool:
        out["mask_inverted"] = attend(raw * s, invert=True)
        out["bool_added"] = torch.softmax(raw * s + mask.double(), -1)
    if mask is not None and mask.dtype != torch.bool:
        out["bias_ignored"] = torch.softmax((raw * s).masked_fill(mask == float("-inf"), float("-inf")), -1)
    if mask is not None or causal:
        out["zero_fill"] = attend(raw * s, fill=0.0)
        if mask is not None:
            out["no_mask"] = torch.softmax(raw * s, -1)
    if causal:
        out["triu_diagonal_0"] = attend(raw * s, causal_mask=~torch.ones(L, S, dtype=torch.bool).triu())
        out["upper_triangle"] = attend(raw * s, causal_mask=torch.ones(L, S, dtype=torch.bool).triu())
        if L != S:
            out["bottom_right"] = attend(raw * s, causal_mask=torch.ones(L, S, dtype=torch.bool).tril(S - L))
    if L > 1:
        out["softmax_dim"] = attend(raw * s, dim=-2)
    return {name: (w.nan_to_num() @ v, w) for name, w in out.items()}


TIPS = {
    "no_scale": "the scores were not scaled: multiply query @ key^T by 1 / sqrt(E) (or by the given scale)",
    "divide_by_E": ("the scores were divided by E, not by sqrt(E): the dot product of two random E-dim vectors "
                    "has variance E, so dividing by sqrt(E) brings its standard deviation back to 1"),
    "value_dim": ("the scale used the value's feature size Ev: the scores are dot products of queries and keys, "
                  "so E = query.shape[-1] sets the scale, 1 / sqrt(E)"),
    "scale_zero_as_none": ("scale=0.0 was treated as 'not given': `scale or 1 / math.sqrt(E)` replaces a falsy 0.0 "
                           "too. Test `if scale is None`; a scale of 0 makes every score 0 and the weights uniform"),
    "divide_by_scale": ("the scores were divided by the given scale: scale is a multiplier, the default being "
                        "1 / sqrt(E), so compute (query @ key^T) * scale"),
    "bool_added": ("the bool mask was added to the scores as 0/1 numbers: a bool mask is not additive; fill "
                   "float('-inf') where it is False (scores.masked_fill(~attn_mask, float('-inf')))"),
    "bias_ignored": ("only the -inf entries of the float mask had an effect: a float mask is added to the scores "
                     "as a whole, so its finite values bias them too (scores + attn_mask)"),
    "ignored_scale": "the scale argument was ignored: when it is given it replaces 1 / sqrt(E)",
    "mask_inverted": ("the bool mask is inverted: for F.scaled_dot_product_attention True means the key TAKES "
                      "PART (the opposite of nn.MultiheadAttention's masks), so fill -inf where ~attn_mask"),
    "zero_fill": ("masked scores were set to 0, not -inf: exp(0) = 1 still gives those keys weight. Fill with "
                  "float('-inf') so that the softmax gives them exactly zero"),
    "no_mask": "the attn_mask had no effect: fill -inf where a bool mask is False, or add a float mask to the scores",
    "triu_diagonal_0": ("the causal mask also hides each query's own position: torch.triu(ones) with diagonal=0 "
                        "includes the diagonal. The forbidden positions are triu(..., diagonal=1), the allowed "
                        "ones tril()"),
    "upper_triangle": ("the causal mask is the wrong triangle: query i may see keys 0..i (the lower triangle, "
                       "tril), the future keys j > i are the ones to hide"),
    "bottom_right": ("this causal mask is aligned at the bottom-right; PyTorch's is_causal uses the top-left "
                     "aligned torch.ones(L, S, dtype=torch.bool).tril(), also when L != S"),
    "softmax_dim": ("the softmax ran over the queries (dim=-2): each query's weights are a distribution over "
                    "the S keys, so softmax over dim=-1 and every row sums to 1"),
}


def _close(a, b):
    return (isinstance(a, torch.Tensor) and a.shape == b.shape
            and torch.allclose(a.detach().cpu().double().nan_to_num(), b.nan_to_num(), rtol=1e-4, atol=1e-5))


def _tip(key, inputs, actual):
    if key == "returns":
        return "return a tuple (output, weights) of two tensors: `return weights @ value, weights`"
    if key == "inputs unchanged":
        changed = ", ".join(actual.get("changed inputs") or []) or "an input"
        return (f"an input was changed in place ({changed}): the caller reuses its tensors. Usual causes: "
                "query.mul_(scale), query /= math.sqrt(E), mask.logical_not_(); use out-of-place ops")
    if key == "connected to the autograd graph":
        return ("output and weights must stay connected to the autograd graph so that the projections train: "
                "no .detach(), .data, .item() or torch.tensor(...) rebuilding")
    if key in ("output", "weights"):
        got = actual.get(key)
        for name, (output, weights) in _variants(inputs).items():
            if _close(got, output if key == "output" else weights):
                return TIPS[name]
        if isinstance(got, torch.Tensor) and got.is_floating_point() and not bool(got.isfinite().all()):
            if not inputs["huge"]:
                return ("the result has NaN although the reference is finite: a softmax over positions that are all "
                        "-inf gives 0/0. Check that the softmax runs over the keys (dim=-1) and which positions "
                        "the masks keep")
            return ("the result has inf or NaN although the reference is finite: exp of scores near 1e4 overflows. "
                    "Subtract each row's maximum before exp, or use torch.softmax, which does it for you")
        return ""
    if key.startswith("grad:") and actual.get(key) is None:
        return f"no gradient reached {key[5:]}: it is unused or the graph was cut (.detach(), .data)"
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        got = actual.get(key)
        problem = compare_value(key, value, got, RTOL, ATOL)
        if (not problem and isinstance(value, torch.Tensor) and value.dtype == torch.float64
                and isinstance(got, torch.Tensor)):
            problem = compare_value(key, value, got, RTOL64, ATOL64)
            if problem:
                return (f"{problem} — the float64 result is only about float32-accurate: some step ran in float32 "
                        "(a .float(), or a tensor created as torch.float32). Keep every step in the query's dtype")
        if problem:
            tip = _tip(key, inputs, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
