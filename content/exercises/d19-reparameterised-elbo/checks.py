import math

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def cases(device):
    def case(name, mu, logvar, data_shape, beta, scale=2.0, seed=0, stats=False):
        b = mu.shape[0]
        dtype = mu.dtype
        x = (torch.rand(b, *data_shape, dtype=dtype, device=device) > 0.5).to(dtype)
        logits = scale * torch.randn(b, *data_shape, dtype=dtype, device=device)
        w = torch.randn(mu.shape, dtype=dtype, device=device)  # weights of z in the backward pass
        return (name, {"mu": mu, "logvar": logvar, "x": x, "logits": logits, "w": w, "beta": beta,
                       "seed": seed, "stats": stats})

    def gauss(b, l, dtype=torch.float32):
        return torch.randn(b, l, dtype=dtype, device=device), 0.8 * torch.randn(b, l, dtype=dtype, device=device)

    # many samples of 4 latent dims with fixed mu and logvar per dim: the statistics of z
    col_mu = torch.tensor([0.0, 1.0, -3.0, 0.5], device=device)
    col_lv = torch.tensor([-2.0, 0.0, 1.0, 2.0], device=device)
    many_mu, many_lv = col_mu.expand(4096, 4).clone(), col_lv.expand(4096, 4).clone()

    # large logits, with the wrong sign on about half of the pixels
    big_mu, big_lv = gauss(6, 3)
    big = case("very large logits (about ±150): the reconstruction needs a stable BCE", big_mu, big_lv, (10,), 1.0,
               scale=150.0, seed=5)

    nc_mu, nc_lv = torch.randn(5, 7, device=device).t(), (0.8 * torch.randn(5, 7, device=device)).t()
    return [
        case("16 samples, 8 latent dims, 20 data dims, beta = 1", *gauss(16, 8), (20,), 1.0, seed=1),
        case("mu = 0 and logvar = 0: the KL is exactly 0", torch.zeros(5, 3, device=device),
             torch.zeros(5, 3, device=device), (12,), 1.0, seed=2),
        case("2 latent dims, 50 data dims, beta = 4 (beta-VAE)", *gauss(12, 2), (50,), 4.0, seed=3),
        case("a batch of one, 4-D images (1, 1, 6, 6), beta = 0.5", *gauss(1, 5), (1, 6, 6), 0.5, seed=4),
        big,
        case("float64, 3 x 4 x 4 images, beta = 2", *gauss(8, 6, torch.float64), (3, 4, 4), 2.0, seed=6),
        case("non-contiguous (transposed) mu and logvar, beta = 1", nc_mu, nc_lv, (9,), 1.0, seed=7),
        case("4096 samples with fixed mu and logvar per latent dim: the statistics of z", many_mu, many_lv, (3,), 1.0,
             seed=8, stats=True),
    ]


# sums over data dims and means over the batch: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-5


def _kl_variants(mu, lv):
    mu, lv = mu.detach().cpu().double(), lv.detach().cpu().double()
    inner = 1 + lv - mu ** 2 - lv.exp()
    kl = -0.5 * inner.sum(1)
    return {
        "mean_over_dims": -0.5 * inner.mean(1),
        "no_half": inner.sum(1),
        "no_half_positive": -inner.sum(1),
        "sign": 0.5 * inner.sum(1),
        "std_for_var": -0.5 * (1 + lv - mu ** 2 - (0.5 * lv).exp()).sum(1),
        "over_batch": kl.mean().expand_as(kl),
    }


KL_TIPS = {
    "mean_over_dims": "this is the mean over the latent dims; the KL of a diagonal Gaussian is the sum of the "
                      "per-dim KLs: .sum(dim=1)",
    "no_half": "this is sum(1 + logvar - mu² - exp(logvar)) without the factor -0.5: the KL is "
               "-0.5 · sum(1 + logvar - mu² - exp(logvar)), which is never negative",
    "no_half_positive": "this is twice the KL: the factor is -0.5, KL = -0.5 · sum(1 + logvar - mu² - exp(logvar))",
    "sign": "this is minus the KL (the factor is -0.5, not +0.5): the KL is never negative",
    "std_for_var": "this uses exp(0.5·logvar) = σ where the formula has exp(logvar) = σ²",
    "over_batch": "the KL must be one value per sample, shape (B,), not the batch mean repeated",
}


def _loss_variants(inputs, kl_sum):
    x, logits = inputs["x"].cpu().double(), inputs["logits"].cpu().double()
    beta = inputs["beta"]
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1)
    p = torch.sigmoid(inputs["logits"].cpu())  # what a float32 sigmoid gives: exactly 0 or 1 when saturated
    clamped = F.binary_cross_entropy(p.double(), x, reduction="none").flatten(1) if p.dtype != torch.float64 else \
        F.binary_cross_entropy(p, x, reduction="none").flatten(1)
    right = (bce.sum(1) + beta * kl_sum).mean()
    return {
        "recon_mean": float((bce.mean(1) + beta * kl_sum).mean()),
        "recon_all_mean": float(bce.mean() + beta * kl_sum.mean()),
        "sign": float(-right),
        "batch_sum": float((bce.sum(1) + beta * kl_sum).sum()),
        "beta_on_recon": float((beta * bce.sum(1) + kl_sum).mean()),
        "no_beta": float((bce.sum(1) + kl_sum).mean()),
        "sigmoid_bce": float((clamped.sum(1) + beta * kl_sum).mean()),
    }


LOSS_TIPS = {
    "recon_mean": "this averages the BCE over the data dims (a mean per pixel); the reconstruction term is "
                  "log p(x|z), a sum over all data dims, or the KL dwarfs it and the VAE ignores the data "
                  "(use reduction='none' and .flatten(1).sum(1))",
    "recon_all_mean": "this uses F.binary_cross_entropy_with_logits(..., reduction='mean'), a mean over pixels "
                      "too; the reconstruction is summed over all data dims and averaged over the batch only",
    "sign": "this is the ELBO itself; the loss to minimise is its negative: reconstruction BCE + beta · KL",
    "batch_sum": "this is the sum over the batch; the negative ELBO per sample is averaged over the batch (.mean())",
    "beta_on_recon": "beta multiplies the reconstruction here; it weights the KL only: recon + beta · KL",
    "no_beta": "beta is ignored: the loss is recon + beta · KL",
    "sigmoid_bce": "this is F.binary_cross_entropy on sigmoid(logits): for large logits sigmoid saturates to "
                   "exactly 0 or 1 and the log is clamped at -100, so the loss is wrong; use "
                   "F.binary_cross_entropy_with_logits, which works from the logits stably",
}


def _close(a, b):
    return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-5)


def _z_problem(inputs, actual):
    z = actual.get("z")
    mu, lv = inputs["mu"].cpu(), inputs["logvar"].cpu()
    if not isinstance(z, torch.Tensor):
        return f"reparameterise: expected a tensor, got {type(z).__name__}"
    if z.shape != mu.shape:
        return f"reparameterise: expected z of shape {tuple(mu.shape)} (the shape of mu), got {tuple(z.shape)}"
    if z.dtype != mu.dtype:
        return (f"reparameterise: expected dtype {mu.dtype} (that of mu), got {z.dtype}: draw eps with "
                "dtype=mu.dtype")
    if not actual.get("z is on the device of mu"):
        return "reparameterise: z is not on the device of mu: draw eps with device=mu.device"
    if not bool(z.isfinite().all()):
        return "reparameterise: z is not finite; σ = exp(0.5 * logvar) is always positive and finite here"
    if not actual.get("the same seed gives the same z"):
        return ("reparameterise: two calls with generators seeded alike gave different z: draw eps with the "
                "generator you were given, torch.randn(mu.shape, generator=generator, dtype=mu.dtype, "
                "device=mu.device), not from the global random state")
    if not actual.get("another seed gives another z"):
        return "reparameterise: another seed gave the same z: z must be random, mu + σ·eps with fresh noise eps"
    diff = (z.double() - mu.double())
    std = (0.5 * lv.double()).exp()
    if inputs["stats"]:
        m, s = diff.mean(0), diff.std(0)
        want = std[0]
        if bool((s < 0.1 * want).all()):
            return ("reparameterise: z - mu is (almost) the same for all 4096 samples: every sample needs its own "
                    "noise, so eps must have the full shape of mu, (B, L): torch.randn(mu.shape, ...), not "
                    "(L,) broadcast over the batch")
        for j in range(mu.shape[1]):
            if abs(float(m[j])) > 5 * float(want[j]) / math.sqrt(mu.shape[0]) + 1e-3 or \
                    abs(float(s[j]) / float(want[j]) - 1) > 0.08:
                return (f"reparameterise: latent dim {j} with mu = {float(mu[0, j]):g}, logvar = {float(lv[0, j]):g}: "
                        f"z - mu has mean {float(m[j]):.3g} and std {float(s[j]):.3g} over 4096 samples; expected "
                        f"mean 0 and std exp(0.5 * logvar) = {float(want[j]):.3g} (logvar is log σ², so "
                        "σ = exp(0.5 * logvar), not exp(logvar) or logvar itself)")
        eps = diff / std
        corr = torch.corrcoef(eps.t())
        off = (corr - torch.eye(mu.shape[1], dtype=corr.dtype)).abs().max()
        if float(off) > 0.2:
            return ("reparameterise: the noise of different latent dims is correlated (correlation "
                    f"{float(off):.2f} over 4096 samples): eps must have the full shape of mu, (B, L), one "
                    "independent N(0, 1) draw per sample and latent dim, torch.randn(mu.shape, ...), not (B, 1) "
                    "broadcast over the latent dims")
    w = inputs["w"].cpu().double()
    gmu, glv = actual.get("z grad:mu"), actual.get("z grad:logvar")
    if gmu is not None and glv is None:
        return ("reparameterise: z is connected to mu but not to logvar in the autograd graph: the noise must be "
                "scaled by σ = exp(0.5 * logvar), z = mu + std * eps, so that the encoder learns the variance too")
    if gmu is None or glv is None:
        return ("reparameterise: z is not connected to mu and logvar in the autograd graph (a .detach(), "
                ".sample() or torch.no_grad()?): z = mu + std * eps, with eps drawn outside the graph, keeps a "
                "differentiable path from z back to both")
    gmu, glv = gmu.double(), glv.double()
    if bool((gmu == 0).all()) and bool((glv == 0).all()):
        return ("reparameterise: the gradients of z w.r.t. mu and logvar are all zero: torch.normal(mu, std) (or "
                "Normal(mu, std).sample()) draws z directly and passes no gradient; draw eps ~ N(0, I) and return "
                "mu + std * eps (the reparameterisation trick)")
    if not torch.allclose(gmu, w, rtol=1e-4, atol=1e-5):
        return "reparameterise: the gradient w.r.t. mu is wrong: dz/dmu = 1, z = mu + std * eps"
    want = 0.5 * w * diff  # dz/dlogvar = 0.5 * σ * eps = 0.5 * (z - mu)
    if not torch.allclose(glv, want, rtol=1e-4, atol=1e-5):
        if torch.allclose(glv, 2 * want, rtol=1e-4, atol=1e-5):
            return ("reparameterise: the noise scale is exp(logvar) = σ², not σ: logvar is log σ², so "
                    "σ = exp(0.5 * logvar)")
        return ("reparameterise: the gradient w.r.t. logvar is wrong: with σ = exp(0.5 * logvar), "
                "dz/dlogvar = 0.5·σ·eps; the noise scale must be exp(0.5 * logvar)")
    return None


def _kl_problem(inputs, expected, actual):
    kl = actual.get("kl")
    want = expected["kl"]
    if not isinstance(kl, torch.Tensor):
        return f"gaussian_kl: expected a tensor, got {type(kl).__name__}"
    if kl.shape != want.shape:
        return (f"gaussian_kl: expected shape {tuple(want.shape)}, one KL per sample (sum over the latent dims, "
                f"dim=1), got {tuple(kl.shape)}")
    problem = compare_value("kl", want, kl, RTOL, ATOL)
    if problem:
        for mistake, v in _kl_variants(inputs["mu"], inputs["logvar"]).items():
            if torch.allclose(kl.double(), v, rtol=1e-4, atol=1e-5):
                return f"gaussian_kl: {problem} — {KL_TIPS[mistake]}"
        return (f"gaussian_kl: {problem} — KL(N(mu, σ²) || N(0, 1)) summed over the latent dims is "
                "-0.5 · sum(1 + logvar - mu² - exp(logvar))")
    for key in ("kl grad:mu", "kl grad:logvar"):
        if actual.get(key) is None:
            return "gaussian_kl: the KL is not connected to mu and logvar in the autograd graph"
        problem = compare_value(key, expected[key], actual[key], RTOL, ATOL)
        if problem:
            return f"gaussian_kl: {problem}"
    return None


def _loss_problem(inputs, expected, actual):
    loss = actual.get("loss")
    if not isinstance(loss, torch.Tensor):
        return f"elbo_loss: expected a 0-dim tensor, got {type(loss).__name__} (no .item() or float())"
    if loss.shape != ():
        return (f"elbo_loss: expected a 0-dim tensor, got shape {tuple(loss.shape)}: sum the reconstruction over "
                "every non-batch dim (.flatten(1).sum(1)), add beta · KL, and average over the batch")
    if loss.dtype != expected["loss"].dtype:
        return f"elbo_loss: expected dtype {expected['loss'].dtype}, got {loss.dtype}"
    problem = compare_value("loss", expected["loss"], loss, RTOL, ATOL)
    if problem:
        got = float(loss)
        if not math.isfinite(got):
            return (f"elbo_loss: {problem} — the loss is not finite: log(sigmoid(logits)) underflows to log(0) for "
                    "large logits; use F.binary_cross_entropy_with_logits")
        kl_sum = -0.5 * (1 + inputs["logvar"].cpu().double() - inputs["mu"].cpu().double() ** 2
                         - inputs["logvar"].cpu().double().exp()).sum(1)
        for mistake, v in _loss_variants(inputs, kl_sum).items():
            if _close(got, v):
                return f"elbo_loss: {problem} — {LOSS_TIPS[mistake]}"
        return (f"elbo_loss: {problem} — the loss is mean over the batch of [BCE-with-logits summed over the data "
                "dims + beta · KL]")
    for key in ("loss grad:logits", "loss grad:mu", "loss grad:logvar"):
        if actual.get(key) is None:
            return "elbo_loss: the loss is not connected to the logits, mu and logvar in the autograd graph"
        problem = compare_value(key, expected[key], actual[key], RTOL, ATOL)
        if problem:
            return f"elbo_loss: {problem}"
    return None


def compare(name, inputs, expected, actual):
    if not actual.get("inputs are left unchanged"):
        return "an input was modified in place (exp_, mul_, clamp_, ...): use out-of-place operations"
    return _z_problem(inputs, actual) or _kl_problem(inputs, expected, actual) or \
        _loss_problem(inputs, expected, actual)
