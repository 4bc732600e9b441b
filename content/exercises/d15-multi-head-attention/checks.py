import itertools
import math

import torch

from quizzer.practice.compare import compare_value


def _case(B, L, S, E, H, device, batch_first=False, self_attention=False, dtype=torch.float32, padding=None,
          attn_mask=None, need_weights=True, average_attn_weights=True):
    module = torch.nn.MultiheadAttention(E, H, batch_first=batch_first, device=device, dtype=dtype)
    with torch.no_grad():  # the module starts with zero biases; random ones catch a forgotten bias
        module.in_proj_bias.normal_(0, 0.5)
        module.out_proj.bias.normal_(0, 0.5)
    if self_attention:
        S = L
    shape = (lambda n: (B, n, E)) if batch_first else (lambda n: (n, B, E))
    key_padding_mask = None
    if padding is not None:  # lengths of the keys; True = padding, ignored
        key_padding_mask = torch.arange(S, device=device) >= torch.tensor(padding, device=device)[:, None]
    return {"query": torch.randn(shape(L), dtype=dtype, device=device),
            "key": torch.randn(shape(S), dtype=dtype, device=device),
            "value": torch.randn(shape(S), dtype=dtype, device=device),
            "in_proj_weight": module.in_proj_weight.detach().clone(),
            "in_proj_bias": module.in_proj_bias.detach().clone(),
            "out_proj_weight": module.out_proj.weight.detach().clone(),
            "out_proj_bias": module.out_proj.bias.detach().clone(),
            "num_heads": H, "batch_first": batch_first, "self_attention": self_attention,
            "key_padding_mask": key_padding_mask, "attn_mask": attn_mask, "need_weights": need_weights,
            "average_attn_weights": average_attn_weights,
            "upstream": (torch.randn(shape(L), dtype=dtype, device=device),
                         torch.randn((B, H, L, S) if not average_attn_weights else (B, L, S), dtype=dtype,
                                     device=device))}


def _causal(L, device):
    return torch.ones(L, L, dtype=torch.bool, device=device).triu(1)  # True = not allowed


def cases(device):
    bias = torch.randn(2 * 3, 4, 5, device=device)  # (B*H, L, S) float mask with some -inf
    bias[:, :, 1:][torch.rand(6, 4, 4, device=device) > 0.6] = float("-inf")
    return [
        ("cross-attention, sequence-first, B = 2, L = 4, S = 6, E = 8, 2 heads", _case(2, 4, 6, 8, 2, device)),
        ("self-attention, batch_first, B = 3, L = 5, E = 12, 3 heads",
         _case(3, 5, 5, 12, 3, device, batch_first=True, self_attention=True)),
        ("key_padding_mask (True = ignore), key lengths [6, 2, 4]",
         _case(3, 4, 6, 8, 4, device, batch_first=True, padding=[6, 2, 4])),
        ("per-head weights (average_attn_weights=False), padding, sequence-first",
         _case(2, 3, 5, 12, 4, device, padding=[5, 3], average_attn_weights=False)),
        ("causal bool attn_mask (True = not allowed), self-attention, per-head weights",
         _case(2, 5, 5, 8, 2, device, self_attention=True, attn_mask=_causal(5, device), average_attn_weights=False)),
        ("3-D float attn_mask (B*H, L, S) with -inf entries, batch_first",
         _case(2, 4, 5, 6, 3, device, batch_first=True, attn_mask=bias)),
        ("need_weights=False returns None for the weights", _case(2, 3, 4, 8, 2, device, need_weights=False)),
        ("one head, batch of one, float64", _case(1, 4, 3, 6, 1, device, dtype=torch.float64, batch_first=True)),
        ("head size 1 (E = 4, 4 heads), sequence-first, padding", _case(3, 2, 4, 4, 4, device, padding=[1, 4, 2])),
    ]


# two projections around a softmax: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-5


def _mha(inputs, interleave=False, scale_E=False, no_out_proj=False, order=(0, 1, 2), invert_padding=False,
         ignore_batch_first=False, no_bias=False,
         merge_no_transpose=False, no_out_bias=False, invert_attn_mask=False, no_scale=False):
    """(output, weights) as the module computes them, or with one common mistake, in float64."""
    t = {n: (inputs[n].detach().cpu().double() if inputs[n] is not None else None)
         for n in ("query", "key", "value", "in_proj_weight", "in_proj_bias", "out_proj_weight", "out_proj_bias")}
    q_in = t["query"]
    k_in, v_in = (q_in, q_in) if inputs["self_attention"] else (t["key"], t["value"])
    H = inputs["num_heads"]
    batch_first = inputs["batch_first"] != ignore_batch_first
    if not batch_first:
        q_in, k_in, v_in = (x.transpose(0, 1) for x in (q_in, k_in, v_in))
    B, L, E = q_in.shape
    S = k_in.shape[1]
    D = E // H
    ws, bs = t["in_proj_weight"].chunk(3), t["in_proj_bias"].chunk(3)
    ws, bs = [ws[i] for i in order], [bs[i] for i in order]
    if no_bias:
        bs = [torch.zeros_like(b) for b in bs]

    def heads(x, w, b):
        y = x @ w.T + b
        n = y.shape[1]
        return y.reshape(B, H, n, D) if interleave else y.view(B, n, H, D).transpose(1, 2)

    q, k, v = heads(q_in, ws[0], bs[0]), heads(k_in, ws[1], bs[1]), heads(v_in, ws[2], bs[2])
    scores = q @ k.transpose(-2, -1) / (1 if no_scale else math.sqrt(E if scale_E else D))
    mask = inputs["attn_mask"]
    if mask is not None:
        mask = mask.cpu()
        if mask.dim() == 3:
            mask = mask.view(B, H, L, S) if mask.shape[0] == B * H else mask
        scores = scores.masked_fill(~mask if invert_attn_mask else mask, float("-inf")) if mask.dtype == torch.bool else scores + mask.double()
    pad = inputs["key_padding_mask"]
    if pad is not None and pad.shape == (B, S):
        pad = pad.cpu()
        scores = scores.masked_fill((~pad if invert_padding else pad)[:, None, None, :], float("-inf"))
    w = torch.softmax(scores, -1)
    merged = (w @ v).reshape(B, L, E) if merge_no_transpose else (w @ v).transpose(1, 2).reshape(B, L, E)
    out = merged if no_out_proj else merged @ t["out_proj_weight"].T + (0 if no_out_bias else t["out_proj_bias"])
    if not batch_first:
        out = out.transpose(0, 1)
    return out, (w.mean(1) if inputs["average_attn_weights"] else w)


def _variants(inputs):
    out = {}
    tries = {"interleave": {"interleave": True}, "scale_E": {"scale_E": True}, "no_out_proj": {"no_out_proj": True},
             "invert_padding": {"invert_padding": True}, "ignore_batch_first": {"ignore_batch_first": True},
             "no_bias": {"no_bias": True}, "merge_no_transpose": {"merge_no_transpose": True},
             "no_out_bias": {"no_out_bias": True}, "no_scale": {"no_scale": True}}
    if inputs["attn_mask"] is not None and inputs["attn_mask"].dtype == torch.bool:
        tries["invert_attn_mask"] = {"invert_attn_mask": True}
    if inputs["num_heads"] == 1:
        tries.pop("interleave")
    if inputs["key_padding_mask"] is None:
        tries.pop("invert_padding")
    for name, options in tries.items():
        try:
            out[name] = _mha(inputs, **options)
        except RuntimeError:  # a mistake that does not even fit this case's shapes
            pass
    out["order"] = [_mha(inputs, order=o) for o in itertools.permutations(range(3)) if o != (0, 1, 2)]
    return out


TIPS = {
    "interleave": ("the heads were split on the wrong axis: viewing the (B, L, E) projection as (B, H, L, D) "
                   "mixes tokens and features. Head h owns features h*D .. (h+1)*D - 1: "
                   "x.view(B, L, H, D).transpose(1, 2)"),
    "scale_E": ("the scores were scaled by 1 / sqrt(E), the full embed_dim: each head's dot product has D = E / H "
                "terms, so scale by 1 / sqrt(D), the head size"),
    "no_out_proj": ("the output projection is missing: after merging the heads back to (B, L, E), apply "
                    "@ out_proj_weight.T + out_proj_bias"),
    "invert_padding": ("the key_padding_mask is inverted: for nn.MultiheadAttention True means IGNORE this key "
                       "(padding), so fill -inf where key_padding_mask is True"),
    "ignore_batch_first": ("batch_first was not honoured: with batch_first=False the inputs are (L, B, E) and "
                           "the output must be too; with True they are (B, L, E). Transpose in and out accordingly"),
    "merge_no_transpose": ("the heads were merged on the wrong axis: (B, H, L, D) must go back to (B, L, H, D) "
                           "before the reshape to (B, L, E): (w @ v).transpose(1, 2).reshape(B, L, E)"),
    "no_out_bias": "the out_proj_bias was not added: output = merged @ out_proj_weight.T + out_proj_bias",
    "no_scale": "the scores were not scaled: divide q @ k^T by sqrt(D), D = E // num_heads the head size",
    "invert_attn_mask": ("the bool attn_mask is inverted: for nn.MultiheadAttention True means NOT allowed, so "
                         "fill -inf where attn_mask is True (the opposite of F.scaled_dot_product_attention)"),
    "no_bias": "the in_proj_bias was not added: q = query @ W_q.T + b_q, and likewise for k and v",
    "order": ("the projections are in the wrong order: in_proj_weight stacks W_q, W_k, W_v in that order "
              "along dim 0, so W_q, W_k, W_v = in_proj_weight.chunk(3)"),
}


def _close(a, b):
    return (isinstance(a, torch.Tensor) and a.shape == b.shape
            and torch.allclose(a.detach().cpu().double().nan_to_num(), b.nan_to_num(), rtol=1e-4, atol=1e-5))


def _shape_tip(inputs, got):
    B, H = inputs["key"].shape[0 if inputs["batch_first"] else 1], inputs["num_heads"]
    if isinstance(got, torch.Tensor) and inputs["average_attn_weights"] is False and got.dim() == 3:
        return ("with average_attn_weights=False the weights are per head, (B, H, L, S): do not average "
                "over the heads (dim=1) in that case")
    if isinstance(got, torch.Tensor) and inputs["average_attn_weights"] and got.dim() == 4:
        return "with average_attn_weights=True the weights are averaged over the heads: weights.mean(dim=1)"
    return (f"the weights are always batch-first, (B, L, S) averaged over the heads or (B, H, L, S) per head "
            f"(here B = {B}, H = {H}), whatever batch_first says")


def _tip(key, inputs, actual):
    if key == "returns":
        if not inputs["need_weights"]:
            return "with need_weights=False return (output, None)"
        return "return a tuple (output, weights) of two tensors"
    if key == "inputs unchanged":
        changed = ", ".join(actual.get("changed inputs") or []) or "an input"
        return (f"an input was changed in place ({changed}): the module's parameters and the caller's tensors "
                "must stay as they are. Use out-of-place ops (masked_fill, not masked_fill_; x = x * s, not x *= s)")
    if key == "connected to the autograd graph":
        return "the output must stay connected to the autograd graph: no .detach(), .data, .item() or torch.no_grad()"
    if key in ("output", "weights"):
        got = actual.get(key)
        if key == "weights" and isinstance(got, torch.Tensor):
            expected_shape = (inputs["upstream"][1]).shape
            if got.shape != expected_shape:
                return _shape_tip(inputs, got)
        for name, value in _variants(inputs).items():
            candidates = value if name == "order" else [value]
            if any(_close(got, c[0] if key == "output" else c[1]) for c in candidates):
                return TIPS[name]
        if key == "output" and isinstance(got, torch.Tensor) and got.shape != inputs["upstream"][0].shape:
            return TIPS["ignore_batch_first"]
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
