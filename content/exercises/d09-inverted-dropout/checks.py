"""Dropout is random, so instead of comparing values with the reference this checks the
properties every correct implementation has, with bounds far (6 sigma) outside sampling noise."""

import math

import torch


def _activations(shape, dtype, device):
    # magnitudes in [0.5, 1.5) with random signs: no exact zeros, so zeros in the output are drops
    mag = torch.rand(shape, dtype=dtype, device=device) + 0.5
    sign = torch.where(torch.rand(shape, device=device) < 0.5, -1.0, 1.0).to(dtype)
    return mag * sign


def cases(device):
    made = []
    for name, p, shape, dtype in [("p = 0.3, activations", 0.3, (64, 256), torch.float32),
                                  ("p = 0.7, a batch of one", 0.7, (1, 20000), torch.float32),
                                  ("p = 0.2, float64 feature maps with a size-1 dim", 0.2, (8, 4, 1, 500), torch.float64),
                                  ("p = 0 keeps everything", 0.0, (16, 100), torch.float32),
                                  ("p = 1 drops everything", 1.0, (16, 100), torch.float32)]:
        made.append((name, {"x": _activations(shape, dtype, device), "p": p}))
    made.append(("p = 0.5, non-contiguous (transposed) input",
                 {"x": _activations((300, 60), torch.float32, device).t(), "p": 0.5}))
    return made


def _layout(what, x, out):
    if not isinstance(out, torch.Tensor):
        return f"{what}: expected a tensor, got {type(out).__name__}"
    if out.shape != x.shape:
        return f"{what}: expected shape {tuple(x.shape)} (the input's shape), got {tuple(out.shape)}"
    if out.dtype != x.dtype:
        return f"{what}: expected dtype {x.dtype} (the input's dtype), got {out.dtype}"
    return None


def _train_problem(x, p, out, again, grad, has_graph):
    problem = _layout("training mode", x, out)
    if problem:
        return problem
    x_in, out, x = x, out.double(), x.double()
    if not torch.isfinite(out).all():
        bad = "NaN" if out.isnan().any() else "inf"
        if p == 1:
            return (f"training mode with p = 1: the output contains {bad}; 1 / (1 - p) is infinite when p = 1 "
                    "(and 0 * inf = NaN), so handle p = 1 separately: every element is dropped, the output is all zeros")
        return f"training mode: the output contains {bad} although the input is finite"
    if not has_graph and p < 1:
        return ("training mode: the output is not connected to the input's autograd graph (a .detach(), .data, "
                ".item() or torch.no_grad()?); gradients must flow through the kept elements")
    scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    if p == 0:
        if not torch.allclose(out, x, rtol=1e-6, atol=0):
            return ("training mode with p = 0: nothing is dropped and the scale 1 / (1 - p) is 1, "
                    "so the output must equal the input")
    elif p == 1:
        if (out != 0).any():
            return (f"training mode with p = 1: every element must be dropped (all zeros), "
                    f"but {int((out != 0).sum())} of {out.numel()} are nonzero")
    else:
        n = x.numel()
        frac = float((out == 0).double().mean())
        if abs(frac - p) > 6 * math.sqrt(p * (1 - p) / n) + 1e-3:
            message = f"training mode: {frac:.1%} of the elements were zeroed, expected about {p:.0%}"
            if abs(frac - (1 - p)) < 0.02:
                return message + ": p is the probability of dropping (zeroing) an element, not of keeping it"
            return message + ": zero each element independently with probability p"
        kept = out != 0
        ratio = out[kept] / x[kept]
        if not torch.allclose(ratio, torch.full_like(ratio, scale), rtol=1e-4, atol=0):
            typical = float(ratio.median())
            if abs(typical - 1) < 1e-4:
                return (f"training mode: the kept elements are unchanged, but surviving elements must be scaled by "
                        f"1 / (1 - p) = {scale:.4g} so each activation keeps its expected value (that is what lets "
                        "eval mode return x unchanged)")
            return (f"training mode: surviving elements are multiplied by about {typical:.4g} instead of "
                    f"1 / (1 - p) = {scale:.4g}")
        mean_ratio = float((out / x).mean())
        if abs(mean_ratio - 1) > 6 * math.sqrt(p / (1 - p) / n):
            return (f"training mode: mean(output / input) is {mean_ratio:.4g}, expected about 1: dropout must keep "
                    "the expected value of every activation")
        rows = kept.reshape(x.shape[0], -1)
        if rows.shape[0] > 1 and rows.shape[1] >= 100 and (rows == rows[:1]).all():
            return ("training mode: every sample in the batch got the same mask; draw one random number per "
                    "element (torch.rand_like(x)), not one per feature")
        problem = _layout("training mode (second call)", x_in, again)
        if problem:
            return problem
        if torch.equal(again.double() != 0, kept):
            return ("training mode: two forward passes dropped exactly the same elements; draw a fresh random "
                    "mask on every call (don't store it or re-seed the generator in forward)")
    if grad is None:
        if p < 1:
            return "gradient w.r.t. `x`: no gradient reached the input; compute the output from x with tensor operations"
        return None
    grad = grad.double()
    want = (out != 0).double() * scale if 0 < p < 1 else torch.full_like(x, scale)
    if grad.shape != x.shape or not torch.allclose(grad, want, rtol=1e-4, atol=1e-6, equal_nan=False):
        return (f"gradient w.r.t. `x`: expected 1 / (1 - p) = {scale:.4g} where an element was kept and 0 where it "
                "was dropped (the forward pass's own mask and scale)")
    return None


def _eval_problem(x, out):
    problem = _layout("eval mode", x, out)
    if problem:
        return problem
    if torch.equal(out, x):
        return None
    out, x = out.double(), x.double()
    if (out == 0).all():
        return ("eval mode must be the identity, but every element is zero: after layer.eval() (self.training is "
                "False) return x unchanged, neither dropped nor scaled by 1 - p")
    ratio = out / x
    if torch.allclose(ratio, ratio.flatten()[:1].expand_as(ratio), rtol=1e-5, atol=0):
        return (f"eval mode must be the identity, but the output is the input times {float(ratio.flatten()[0]):.4g}: "
                "inverted dropout already scaled the kept activations during training, so eval returns x unchanged")
    if ((out == 0) & (x != 0)).any():
        return (f"eval mode must be the identity, but {int(((out == 0) & (x != 0)).sum())} elements were zeroed: "
                "check self.training, which layer.eval() sets to False, and return x unchanged then")
    return "eval mode must be the identity (return x unchanged), but the output differs from the input"


def compare(name, inputs, expected, actual):
    x, p = inputs["x"].detach().cpu(), inputs["p"]
    return (_train_problem(x, p, actual.get("train"), actual.get("train_again"), actual.get("grad:x"),
                           bool(actual.get("train_has_graph")))
            or _eval_problem(x, actual.get("eval")))
