import torch

from quizzer.practice.compare import compare_value

KEYS = ("mae", "mse", "rmse", "r2")


def _pair(b, t, dtype, device):
    target = torch.randn(b, t, dtype=dtype, device=device) * 2 + 1
    return target + 0.5 * torch.randn(b, t, dtype=dtype, device=device), target


def cases(device):
    made = []
    for name, b, t, dtype in [("4 series of 10 steps", 4, 10, torch.float32),
                              ("a batch of one series", 1, 7, torch.float32),
                              ("float64", 3, 5, torch.float64)]:
        pred, target = _pair(b, t, dtype, device)
        made.append((name, {"pred": pred, "target": target}))
    pred, target = _pair(6, 3, torch.float32, device)  # stored time-major, read as (3, 6): non-contiguous
    made.append(("transposed (non-contiguous) inputs", {"pred": pred.t(), "target": target.t()}))
    pred, target = _pair(3, 8, torch.float32, device)
    target[0] = 2.0  # constant target, imperfect prediction -> R² 0
    target[1] = -1.5  # constant target, perfect prediction -> R² 1
    pred[1] = -1.5
    made.append(("constant targets", {"pred": pred, "target": target}))
    target = torch.tensor([[3.0], [0.5]], device=device)
    made.append(("one step per series (T = 1)", {"pred": torch.tensor([[3.0], [1.0]], device=device), "target": target}))
    return made


def _mean_abs(x):
    return x.abs().mean(dim=-1)


def _diagnose(key, inputs, exp, got):
    if not isinstance(got, torch.Tensor):
        return ""
    if got.dim() == 0 or (got.shape != exp[key].shape and got.numel() == 1):
        return " — reduce over the time axis only (`dim=-1`) so that each series keeps its own value"
    if got.shape != exp[key].shape:
        return f" — reduce over the last dimension (T); inputs are (B, T) = {tuple(inputs['target'].shape)}"
    if not got.is_floating_point() or got.dtype != exp[key].dtype:
        return ""
    if not torch.isfinite(got).all() and torch.isfinite(exp[key]).all():
        return (" — a constant target series has SS_tot = 0; the rule: R² = 1.0 if SS_res = 0 else 0.0 "
                "(select it with torch.where and never divide by 0)")
    g = got.double()
    if key == "rmse" and torch.allclose(g, exp["mae"].double(), rtol=1e-5, atol=1e-6):
        return " — this equals the MAE: take the square root of the MSE (after the mean), not of each squared error"
    if key == "rmse" and torch.allclose(g, exp["mse"].double(), rtol=1e-5, atol=1e-6):
        return " — this is the MSE: RMSE is its square root"
    if key == "r2":
        target, pred = inputs["target"].double(), inputs["pred"].double()
        mse = (pred - target).pow(2).mean(-1)
        t = target.shape[-1]
        if t > 1:
            unbiased = 1 - mse / target.var(dim=-1)
            ok = torch.isfinite(unbiased)
            if ok.any() and torch.allclose(g[ok], unbiased[ok], rtol=1e-5, atol=1e-6):
                return (" — SS_tot was scaled as an unbiased variance (divided by T − 1): `torch.var` uses "
                        "correction=1 by default; use sums of squares, or `var(dim=-1, correction=0)`")
        about_pred = 1 - (pred - target).pow(2).sum(-1) / (pred - pred.mean(-1, keepdim=True)).pow(2).sum(-1)
        if torch.allclose(g, about_pred, rtol=1e-5, atol=1e-6):
            return " — SS_tot must measure the spread of the target around its own mean, not of the prediction"
    return ""


def compare(name, inputs, expected, actual):
    if "output" in actual:
        return f"expected a dict with keys {', '.join(KEYS)}, got {type(actual['output']).__name__}"
    for key in KEYS:
        if actual.get(key) is None:
            return f"the dict has no entry {key!r} (expected keys: {', '.join(KEYS)})"
        problem = compare_value(key, expected[key], actual[key], 1e-5, 1e-6)
        if problem:
            return problem + _diagnose(key, inputs, expected, actual[key])
    return None
