import math

import torch

from quizzer.practice.compare import compare_value


def cases(device):
    def sig(*shape, shift=0.0, dtype=torch.float32):
        return torch.sigmoid(torch.randn(*shape, dtype=dtype, device=device) + shift)

    def case(name, h, rho, beta, eps=1e-6, d=7):
        b = h.shape[0]
        x = torch.rand(b, d, dtype=h.dtype, device=device)
        recon = x + 0.2 * torch.randn(b, d, dtype=h.dtype, device=device)
        return (name, {"x": x, "recon": recon, "h": h, "rho": rho, "beta": beta, "eps": eps})

    # every unit's batch mean is exactly rho: pairs of rows rho + d and rho - d
    d = 0.05 * torch.rand(4, 6, device=device)
    at_target = torch.cat([0.1 + d, 0.1 - d])
    dead = sig(16, 8, shift=-3.0)
    dead[:, 0] = 0.0  # a dead unit
    dead[:, 3] = torch.sigmoid(torch.full((16,), 200.0, device=device))  # saturated: exactly 1.0
    dead[:, 5] = torch.sigmoid(torch.full((16,), -200.0, device=device))  # exactly 0.0 after underflow
    # float64 with a small eps: dead and saturated units, and units that are exactly 0 or 1 on only some samples
    mixed = sig(10, 6, shift=-2.0, dtype=torch.float64)
    mixed[:, 0] = 0.0
    mixed[:, 1] = 1.0
    mixed[::2, 2] = 0.0  # a unit that is off (exactly 0) on half the samples: its mean is still an ordinary number
    mixed[1::3, 3] = 1.0  # a unit that is exactly 1 on some samples
    return [
        case("32 samples, 16 sigmoid units, rho = 0.05, beta = 3", sig(32, 16, shift=-2.0), 0.05, 3.0),
        case("every unit's mean activation equals rho = 0.1 (penalty 0)", at_target, 0.1, 1.0),
        case("units mostly on (mean about 0.85) with rho = 0.05: KL is asymmetric here", sig(20, 10, shift=2.5), 0.05, 0.5),
        case("a dead unit (always 0), a saturated unit (always 1), an underflowed one", dead, 0.05, 2.0),
        case("a batch of one", sig(1, 12, shift=-1.0), 0.2, 1.5),
        case("float64, rho = 0.02, eps = 1e-8", sig(24, 10, shift=-3.0, dtype=torch.float64), 0.02, 4.0, eps=1e-8),
        case("non-contiguous (transposed) h", sig(9, 15, shift=-2.0).t(), 0.1, 1.0),
        case("float64, eps = 1e-8: dead and saturated units, units exactly 0 or 1 on some samples", mixed, 0.05, 2.0,
             eps=1e-8),
    ]


# logs of small numbers summed over units: a little looser than elementwise
RTOL, ATOL = 1e-4, 1e-6


def _bernoulli_kl(p, q):
    return p * torch.log(p / q) + (1 - p) * torch.log((1 - p) / (1 - q))


def _variants(inputs):
    """The penalty as several common mistakes compute it (float64 on the CPU), to name the mistake."""
    h = inputs["h"].detach().cpu().double()
    rho, eps = inputs["rho"], inputs["eps"]
    rho_hat = h.mean(0)
    clamped = rho_hat.clamp(eps, 1 - eps)
    rho_t = torch.full_like(clamped, rho)
    return {
        "reversed": float(_bernoulli_kl(clamped, rho_t).sum()),
        "mean_over_units": float(_bernoulli_kl(rho_t, clamped).mean()),
        "per_sample": float(_bernoulli_kl(torch.full((h.shape[0],), rho, dtype=h.dtype),
                                          h.mean(1).clamp(eps, 1 - eps)).sum()),
        "l1_sum": float(h.abs().sum()),
        "l1_mean": float(h.abs().mean()),
        "l1_rho_hat": float(rho_hat.abs().sum()),
        "one_term": float((rho * torch.log(rho / clamped)).sum()),
    }


TIPS = {
    "reversed": "this is KL(rho_hat || rho), the reversed direction; the sparsity penalty is KL(rho || rho_hat) = "
                "rho·log(rho/rho_hat) + (1 - rho)·log((1 - rho)/(1 - rho_hat)); KL is not symmetric",
    "mean_over_units": "this is the mean over the hidden units; the penalty is the sum of the per-unit KL terms "
                       "(a mean would shrink it by H and silently change beta)",
    "per_sample": "this averages each sample over its units (dim=1); rho_hat is the mean activation of each unit "
                  "over the batch: h.mean(dim=0), shape (H,)",
    "l1_sum": "this is an L1 activation penalty (sum of |h|), another sparsity regulariser; this exercise asks for "
              "the KL penalty on the mean activation of each unit",
    "l1_mean": "this is an L1 activation penalty (mean of |h|), another sparsity regulariser; this exercise asks for "
               "the KL penalty on the mean activation of each unit",
    "l1_rho_hat": "this is the sum of rho_hat (an L1 penalty on mean activations); the penalty is the KL divergence "
                  "KL(rho || rho_hat) summed over units",
    "one_term": "this has only the rho·log(rho/rho_hat) term; the Bernoulli KL also has (1 - rho)·log((1 - rho)/"
                "(1 - rho_hat)), the term that punishes units that are on too often",
}


def _number(value):
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        return float(value)
    return value if isinstance(value, (int, float)) else None


def _diagnose(key, inputs, expected, actual):
    value = actual.get(key)
    if key in ("h is left unchanged", "sparse_loss: inputs are left unchanged"):
        return "do not modify the inputs in place (clamp_, add_, ...): use out-of-place operations"
    if key in ("penalty", "sparse_loss"):
        if not isinstance(value, torch.Tensor):
            return "return a tensor (no .item() or float()), so that gradients can flow"
        if value.shape != ():
            return "return one number: the sum over hidden units of the per-unit KL (a 0-dim tensor)"
    got = _number(value)
    if key == "penalty" and got is not None:
        if not math.isfinite(got):
            return ("the penalty is not finite: a dead (always 0) or saturated (always 1) unit makes log(0); clamp "
                    "rho_hat to [eps, 1 - eps] before the logs: h.mean(dim=0).clamp(eps, 1 - eps)")
        for mistake, v in _variants(inputs).items():
            if math.isclose(got, v, rel_tol=1e-4, abs_tol=1e-6):
                return TIPS[mistake]
        return ""
    if key == "sparse_loss" and got is not None:
        beta = inputs["beta"]
        mse = float(((inputs["recon"].double() - inputs["x"].double()) ** 2).mean())
        kl = _number(expected["penalty"])
        if math.isclose(got, beta * mse + kl, rel_tol=1e-4, abs_tol=1e-6):
            return ("beta multiplies the reconstruction term here; it weights the sparsity penalty only: "
                    "F.mse_loss(recon, x) + beta * penalty")
        if math.isclose(got, mse + kl, rel_tol=1e-4, abs_tol=1e-6):
            return "beta is missing: the loss is F.mse_loss(recon, x) + beta * penalty"
        h64 = inputs["h"].detach().cpu().double()
        default = float(_bernoulli_kl(torch.full((h64.shape[1],), inputs["rho"], dtype=torch.float64),
                                      h64.mean(0).clamp(1e-6, 1 - 1e-6)).sum())
        if inputs["eps"] != 1e-6 and math.isclose(got, mse + beta * default, rel_tol=1e-4, abs_tol=1e-6):
            return ("this uses the default eps = 1e-6, not the eps you were given: pass it on, "
                    "kl_sparsity_penalty(h, rho, eps)")
        return "the loss is F.mse_loss(recon, x) (mean over all elements) + beta * kl_sparsity_penalty(h, rho, eps)"
    if "grad:" in key:
        grad = actual.get(key)
        if grad is None:
            return "the result is not connected to the autograd graph (a .detach(), .item(), .data or torch.no_grad()?)"
        if isinstance(grad, torch.Tensor) and not bool(grad.isfinite().all()):
            return ("the gradient is not finite: clamp rho_hat to [eps, 1 - eps] before the logs, so that dead "
                    "and saturated units give finite values and gradients")
        want = expected.get(key)
        if isinstance(grad, torch.Tensor) and isinstance(want, torch.Tensor) and grad.shape == want.shape:
            h = inputs["h"].to(grad.device)
            edge = (h == 0) | (h == 1)
            if bool(edge.any()) and bool((grad[edge] == 0).all()) and bool((want[edge] != 0).any()):
                return ("the gradient is 0 for every activation that is exactly 0 or 1: clamp the mean rho_hat, not "
                        "each activation (h.mean(dim=0).clamp(eps, 1 - eps), not h.clamp(eps, 1 - eps).mean(0)); "
                        "clamping h cuts the gradient of every clipped activation, although d rho_hat / d h = 1/B")
        return ("the value was right here but the gradient is not: d KL(rho || rho_hat) / d rho_hat = -rho/rho_hat + "
                "(1 - rho)/(1 - rho_hat), so both KL terms must be there, with rho_hat = h.mean(dim=0)")
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _diagnose(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
