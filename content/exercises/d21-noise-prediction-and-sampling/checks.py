"""Hidden tiny models eps(x, t) = Linear(flatten(x)) + emb[t], and an oracle that returns the true
noise. Wrong outputs are matched against the usual mistakes (computed in the probe) to name them."""

import math

import torch

from quizzer.practice.compare import compare_value


def _schedule(T, device):
    betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64, device=device)
    return betas, torch.cumprod(1 - betas, 0)


def _state(shape, T, dtype, device):
    d = math.prod(shape[1:])
    return {"lin.weight": torch.randn(d, d, dtype=dtype, device=device) / math.sqrt(d),
            "lin.bias": 0.1 * torch.randn(d, dtype=dtype, device=device),
            "emb": 0.5 * torch.randn(T, d, dtype=dtype, device=device)}


def _loss_case(shape, t, T, device, dtype=torch.float32, sched_on_cpu=True, transposed=False):
    betas, acp = _schedule(T, device)
    x0 = torch.randn(shape, dtype=dtype, device=device)
    if transposed:
        x0 = torch.randn(shape[::-1], dtype=dtype, device=device).t()
    return {"kind": "loss", "state": _state(shape, T, dtype, device), "x0": x0,
            "t": torch.tensor(t, dtype=torch.int64, device=device),
            "noise": torch.randn(shape, dtype=dtype, device=device), "acp": acp, "sched_on_cpu": sched_on_cpu}


def _step_case(shape, t, T, device, dtype=torch.float32, sched_on_cpu=True, oracle=False, zero_noise=False):
    betas, acp = _schedule(T, device)
    case = {"kind": "step", "t": t, "betas": betas, "acp": acp, "sched_on_cpu": sched_on_cpu,
            "noise": torch.zeros(shape, dtype=dtype, device=device) if zero_noise
            else torch.randn(shape, dtype=dtype, device=device)}
    if oracle:  # x_t made from a known x0 and noise; the model returns exactly that noise
        x0, eps = torch.randn(shape, dtype=dtype, device=device), torch.randn(shape, dtype=dtype, device=device)
        a = float(acp[t])
        case.update(x0=x0, eps_true=eps, x_t=(math.sqrt(a) * x0.double() + math.sqrt(1 - a) * eps.double()).to(dtype))
    else:
        case.update(state=_state(shape, T, dtype, device), x_t=torch.randn(shape, dtype=dtype, device=device))
    return case


def cases(device):
    return [
        ("loss: vectors (8, 6), every sample at a different t, T = 100",
         _loss_case((8, 6), [0, 99, 5, 50, 20, 75, 1, 98], 100, device)),
        ("loss: images (4, 2, 3, 3), T = 50", _loss_case((4, 2, 3, 3), [3, 49, 0, 25], 50, device)),
        ("loss: a batch of one, float64, schedule on x's device", _loss_case((1, 5), [7], 20, device, dtype=torch.float64,
                                                                              sched_on_cpu=False)),
        ("loss: non-contiguous (transposed) x0 (5, 4)", _loss_case((5, 4), [1, 2, 3, 4, 0], 10, device, transposed=True)),
        ("step: vectors (6, 5) at t = 30 of T = 50", _step_case((6, 5), 30, 50, device)),
        ("step: images (3, 2, 4, 4) at t = T - 1 = 49", _step_case((3, 2, 4, 4), 49, 50, device)),
        ("step: at t = 1 (noise is still added: only t = 0 skips it)", _step_case((3, 4), 1, 50, device)),
        ("step: at t = 0 (the last step adds no noise)", _step_case((5, 4), 0, 50, device)),
        ("step: float64 batch of one at t = 10, schedule on x's device",
         _step_case((1, 6), 10, 20, device, dtype=torch.float64, sched_on_cpu=False)),
        ("step: oracle model (returns the true noise), zero noise, t = 1",
         _step_case((4, 3), 1, 50, device, oracle=True, zero_noise=True)),
        ("step: oracle model (returns the true noise), zero noise, t = 25",
         _step_case((4, 3), 25, 50, device, dtype=torch.float64, oracle=True, zero_noise=True)),
        ("step: oracle model at t = 0 must give back x0", _step_case((4, 3), 0, 50, device, oracle=True)),
    ]


STEP_TIPS = {
    "no_sqrt": "the noise coefficient is beta_t / sqrt(1 - a_bar_t): the square root is missing",
    "alpha_denominator": ("the denominator uses alpha_t (sqrt(1 - alpha_t) = sqrt(beta_t)); it must be "
                          "sqrt(1 - a_bar_t) with a_bar_t = alphas_cumprod[t], the noise level of x_t"),
    "no_outer_sqrt": "the mean is divided by alpha_t; it must be divided by sqrt(alpha_t) = sqrt(1 - beta_t)",
    "noise_at_0": "at t = 0 the step must return the mean alone: the last step adds no noise (sigma_0 z is skipped)",
    "sigma_beta": ("the noise is scaled by beta_t, the variance; sigma_t is its square root: add sqrt(beta_t) * noise"),
    "posterior_variance": ("the noise is scaled by the posterior std sqrt(beta_tilde_t); this exercise uses Ho et al.'s "
                           "other choice, sigma_t^2 = beta_t: add sqrt(beta_t) * noise"),
    "no_noise": "for t > 0 add sigma_t * noise = sqrt(beta_t) * noise to the mean: without it sampling collapses to the mean",
}

TIPS = {
    "model forward calls": "call the model exactly once",
    "the model's input is x_t = q_sample(x0, t, alphas_cumprod, noise)": (
        "the model must see the noised x_t = q_sample(x0, t, alphas_cumprod, noise), never the clean x0"),
    "the model is called with the per-sample timesteps t": "pass the per-sample timesteps t to the model unchanged",
    "no input is modified in place": "an input was modified in place (add_, mul_, x *= ...): build new tensors",
    "loss requires grad": ("the loss is not connected to the model's parameters (a .detach(), .item(), .data or "
                           "torch.no_grad() in the loss?): training needs its gradient"),
    "the model is called on x_t": "call the model on x_t itself",
    "the model is called with t for every sample": "the timestep tensor must hold t for every sample: torch.full((B,), t, ...)",
    "output requires grad (it must not: sampling runs under torch.no_grad())": (
        "the step built an autograd graph through the model's parameters: wrap it in torch.no_grad() (or decorate "
        "the function with @torch.no_grad()); over 1000 steps that graph would hold every intermediate in memory"),
}


def _tol(value):
    if isinstance(value, torch.Tensor) and value.dtype == torch.float64:
        return 1e-9, 1e-10
    return 1e-4, 1e-5


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        if key.startswith("diag:"):
            continue
        got = actual.get(key)
        problem = compare_value(key, value, got, *_tol(value))
        if not problem:
            continue
        if key == "loss":
            if isinstance(got, torch.Tensor) and got.shape == () and got.dtype != value.dtype:
                return problem + (" — the loss has x0's dtype: cast the float64 coefficients to x0.dtype before mixing "
                                  "them with x0 (q_sample does)")
            if not isinstance(got, torch.Tensor):
                return problem + " — return the loss tensor itself (no .item()): training calls backward() on it"
            if got.shape != ():
                return problem + " — reduce to one number: the mean over all elements (F.mse_loss's default)"
            v = float(got)
            if math.isclose(v, actual.get("diag: loss against x0", math.nan), rel_tol=1e-4, abs_tol=1e-6):
                return problem + (" — this is the error against x0: the network predicts the NOISE, so the target is "
                                  "noise: F.mse_loss(model(x_t, t), noise)")
            if math.isclose(v, actual.get("diag: loss summed", math.nan), rel_tol=1e-4, abs_tol=1e-6):
                return problem + " — this is the sum of squared errors: take the mean over all elements"
            return problem + " — the loss is F.mse_loss(model(x_t, t), noise), the mean over all elements"
        if key == "output" and isinstance(got, torch.Tensor) and got.shape == value.shape:
            if got.dtype != value.dtype:
                return problem + (" — return x_t's dtype: the float64 schedule promotes float32 data; read beta_t and "
                                  "a_bar_t as Python floats (float(betas[t])) or cast them to x_t.dtype")
            for mistake, tip in STEP_TIPS.items():
                ref = actual.get("diag: " + mistake)
                if isinstance(ref, torch.Tensor) and ref.shape == got.shape and bool(
                        torch.allclose(got.double(), ref.double(), *_tol(value))):
                    return f"{problem} — {tip}"
            return problem + (" — x_{t-1} = (x_t - beta_t / sqrt(1 - a_bar_t) * eps) / sqrt(alpha_t) + sqrt(beta_t) * "
                              "noise, without the noise at t = 0")
        if key == "output":
            return problem + " — x_{t-1} has the shape of x_t"
        if key.startswith("oracle"):
            return problem + (" — with the true noise the predicted mean must equal the posterior mean (and x0 at "
                              "t = 0): check 1 / sqrt(alpha_t) and beta_t / sqrt(1 - a_bar_t)")
        tip = TIPS.get(key, "")
        if key == "the model's input is x_t = q_sample(x0, t, alphas_cumprod, noise)" and actual.get("diag: model input is x0"):
            tip = "the model was fed the clean x0: " + tip
        return problem + (" — " + tip if tip else "")
    return None
