"""Schedules are compared to 1e-12 in float64; q_sample values at the usual tolerance of x0's
dtype. Wrong outputs are matched against the usual mistakes to say which one it is."""

import math

import torch

from quizzer.practice.compare import compare_value

SCHEDULE_TOL = (1e-12, 1e-12)


def _schedule_case(T, s, max_beta, start, end, device):
    betas = (0.001 + 0.05 * torch.rand(T, dtype=torch.float64, device=device)).sort().values
    return {"kind": "schedule", "T": T, "s": s, "max_beta": max_beta, "beta_start": start, "beta_end": end,
            "betas": betas}


def _linear_acp(T, device):
    return torch.cumprod(1 - torch.linspace(1e-4, 0.02, T, dtype=torch.float64), 0).to(device)


def _sample_case(shape, t, acp, device, dtype=torch.float32, acp_on_cpu=True, transposed=False):
    if transposed:  # a non-contiguous (B, D) view
        x0 = torch.randn(shape[::-1], dtype=dtype, device=device).t()
        noise = torch.randn(shape[::-1], dtype=dtype, device=device).t()
    else:
        x0 = torch.randn(shape, dtype=dtype, device=device)
        noise = torch.randn(shape, dtype=dtype, device=device)
    return {"kind": "sample", "x0": x0, "t": torch.tensor(t, dtype=torch.int64, device=device), "acp": acp,
            "noise": noise, "acp_on_cpu": acp_on_cpu}


def cases(device):
    acp = _linear_acp(1000, device)
    acp50 = _linear_acp(50, device)
    return [
        ("schedules, T = 1000; cosine with s = 0.008, max_beta = 0.999", _schedule_case(1000, 0.008, 0.999, 1e-4, 0.02, device)),
        ("schedules, T = 50; cosine with s = 0.02, max_beta = 0.5 (clipping bites)", _schedule_case(50, 0.02, 0.5, 1e-3, 0.05, device)),
        ("schedules, T = 1 (a single step)", _schedule_case(1, 0.008, 0.999, 0.01, 0.02, device)),
        ("vectors (6, 5), every sample at a different t", _sample_case((6, 5), [0, 999, 10, 500, 250, 750], acp, device)),
        ("images (4, 3, 5, 4): the batch size equals the width", _sample_case((4, 3, 5, 4), [3, 900, 40, 499], acp, device)),
        ("images (3, 2, 4, 6), t = 0, T - 1 and 1", _sample_case((3, 2, 4, 6), [0, 999, 1], acp, device)),
        ("sequences (3, 3, 4): x0 may have any number of dims", _sample_case((3, 3, 4), [5, 998, 321], acp, device)),
        ("a batch of one image (1, 3, 4, 4) at t = 49, T = 50", _sample_case((1, 3, 4, 4), [49], acp50, device)),
        ("float64 vectors (5, 3), schedule on x0's device", _sample_case((5, 3), [7, 0, 49, 20, 33], acp50, device,
                                                                           dtype=torch.float64, acp_on_cpu=False)),
        ("non-contiguous (transposed) x0 and noise (7, 4)", _sample_case((7, 4), [1, 2, 3, 4, 5, 6, 0], acp50, device,
                                                                           transposed=True)),
    ]


# ---- the usual mistakes, recomputed in float64 on the CPU ----------------------------------

def _cosine(T, s, max_beta, plus_s=True, clip=True, normalise=True):
    u = torch.arange(T + 1, dtype=torch.float64) / T
    f = torch.cos((u + s) / ((1 + s) if plus_s else 1) * math.pi / 2) ** 2
    a = f / f[0] if normalise else f
    b = 1 - a[1:] / a[:-1]
    return b.clamp(max=max_beta) if clip else b


def _schedule_tip(key, inputs, got):
    if not isinstance(got, torch.Tensor):
        return "return a torch tensor"
    T, s, max_beta = inputs["T"], inputs["s"], inputs["max_beta"]
    g = got.detach().double().cpu()
    if got.dtype != torch.float64:
        return ("schedules are built in float64: 1 - alpha_bar and the products over 1000 steps lose digits in float32 "
                "(torch.linspace(..., dtype=torch.float64), torch.arange(..., dtype=torch.float64))")
    if key.startswith("cosine"):
        if key == "cosine_betas(T)":
            s, max_beta = 0.008, 0.999
        for tip, ref in [
            ("without the clipping: near u = 1 alpha_bar(k) / alpha_bar(k - 1) goes to 0 and beta to 1; clip with "
             ".clamp(max=max_beta)", _cosine(T, s, max_beta, clip=False)),
            ("this is the cosine schedule without the (1 + s) in cos((u + s) / (1 + s) * pi / 2): dividing by 1 + s "
             "makes f reach cos(pi / 2) = 0 exactly at u = 1", _cosine(T, s, max_beta, plus_s=False)),
        ]:
            if g.shape == ref.shape and torch.allclose(g, ref, rtol=1e-9, atol=1e-12, equal_nan=True):
                return tip
        if g.numel() == T + 1:
            return "the schedule has T + 1 betas: f is evaluated at T + 1 points, but each beta is a ratio of two neighbours, so there are T"
        return ("beta_k = 1 - alpha_bar(k) / alpha_bar(k - 1) for k = 1..T with alpha_bar(k) = f(k / T) / f(0) and "
                "f(u) = cos((u + s) / (1 + s) * pi / 2) ** 2, clipped at max_beta")
    if key.startswith("linear"):
        return "T evenly spaced values with both ends included: torch.linspace(beta_start, beta_end, T, dtype=torch.float64)"
    betas = inputs["betas"].cpu().double()
    alphas = 1 - betas
    acp = torch.cumprod(alphas, 0)
    for tip, ref in [
        ("this is alphas = 1 - betas: alphas_cumprod is their running product, torch.cumprod(1 - betas, dim=0)", alphas),
        ("this is the running product of the betas: multiply the alphas 1 - beta_t instead", torch.cumprod(betas, 0)),
        ("off by one: with a 1 put in front, alphas_cumprod[t] is the product up to t - 1; the first entry must be "
         "1 - betas[0], because x_0 is already noised once at t = 0", torch.cat([torch.ones(1, dtype=torch.float64), acp[:-1]])),
    ]:
        if g.shape == ref.shape and torch.allclose(g, ref, rtol=1e-9, atol=1e-12):
            return tip
    if g.numel() == betas.numel() + 1:
        return "alphas_cumprod has one entry per beta (T of them): do not prepend a 1"
    return "alpha_bar_t = prod over i <= t of (1 - beta_i): torch.cumprod(1 - betas, dim=0)"


def _sample_variants(inputs):
    x0, noise = inputs["x0"].cpu().double(), inputs["noise"].cpu().double()
    t, acp = inputs["t"].cpu(), inputs["acp"].cpu().double()
    view = (-1,) + (1,) * (x0.dim() - 1)
    a = acp[t].reshape(view)
    first = acp[t[0]]
    shifted = acp[t - 1].reshape(view)  # t - 1 wraps to the last entry at t = 0
    found = {
        "no_sqrt": a * x0 + (1 - a) * noise,
        "first_t": first.sqrt() * x0 + (1 - first).sqrt() * noise,
        "one_indexed": shifted.sqrt() * x0 + (1 - shifted).sqrt() * noise,
        "sqrt_one_minus_missing": a.sqrt() * x0 + (1 - a) * noise,
        "noise_swapped": (1 - a).sqrt() * x0 + a.sqrt() * noise,
    }
    flat = acp[t]
    if x0.shape[-1] == flat.shape[0]:
        found["last_dim"] = flat.sqrt() * x0 + (1 - flat).sqrt() * noise
    if x0.dim() >= 3 and x0.shape[-2] == flat.shape[0]:
        col = flat[:, None]  # a[:, None]: right for (B, D), but on (B, L, D) it lines up with dim -2
        found["second_last_dim"] = col.sqrt() * x0 + (1 - col).sqrt() * noise
    if inputs["x0"].dtype == torch.float64:
        a32 = a.float()  # the learner's sqrt runs in float32 too
        found["float32_coefficients"] = a32.sqrt().double() * x0 + (1 - a32).sqrt().double() * noise
    return found


SAMPLE_TIPS = {
    "no_sqrt": ("this is alpha_bar * x0 + (1 - alpha_bar) * noise: those are the variances; x_t = sqrt(alpha_bar) x0 + "
                "sqrt(1 - alpha_bar) noise, whose variance alpha_bar + (1 - alpha_bar) = 1 is preserved for unit-variance data"),
    "sqrt_one_minus_missing": ("the noise term must be sqrt(1 - alpha_bar) * noise (a standard deviation), so that the variance "
                               "alpha_bar + (1 - alpha_bar) stays 1"),
    "noise_swapped": "the coefficients are swapped: x0 is scaled by sqrt(alpha_bar) and the noise by sqrt(1 - alpha_bar)",
    "first_t": ("every sample used the timestep of the first sample: t holds one timestep per sample, so gather "
                "alphas_cumprod[t] (shape (B,)), not alphas_cumprod[t[0]] or a Python int for the whole batch"),
    "one_indexed": ("this matches alphas_cumprod[t - 1]: t is 0-indexed here, so use alphas_cumprod[t] (and at t = 0, "
                    "t - 1 = -1 silently picks the LAST, noisiest entry)"),
    "second_last_dim": ("the (B,) coefficients were lined up with dim -2 of x0: a[:, None] only suits (B, D) data; "
                        "x0 may have any number of dims, so reshape to (B, 1, 1, ...) with one 1 per dim after the "
                        "batch: a.reshape(-1, *([1] * (x0.dim() - 1)))"),
    "float32_coefficients": ("the coefficients were rounded to float32 (.float() or a hard-coded dtype) on float64 data: "
                             "cast them to x0.dtype, whatever it is"),
    "last_dim": ("the (B,) coefficients were broadcast against the LAST dim of x0 (broadcasting aligns trailing dims); "
                 "reshape them to (B, 1, 1, ...) with a.reshape(-1, *([1] * (x0.dim() - 1))) or a[:, None, None, None]"),
}


def compare(name, inputs, expected, actual):
    if inputs["kind"] == "schedule":
        for key, value in expected.items():
            tol = SCHEDULE_TOL if isinstance(value, torch.Tensor) else (None, None)
            got = actual.get(key)
            problem = compare_value(key, value, got, *tol)
            if problem:
                if isinstance(value, torch.Tensor):
                    return f"{problem} — {_schedule_tip(key, inputs, got)}"
                if key.startswith("alphas_cumprod leaves"):
                    return problem + " — build a new tensor: 1 - betas, not betas.neg_().add_(1) or other in-place ops"
                return problem
        return None
    for key, value in expected.items():
        got = actual.get(key)
        problem = compare_value(key, value, got, None, None)
        if not problem:
            continue
        if key == "output" and isinstance(got, torch.Tensor) and got.shape == value.shape:
            if got.dtype != value.dtype:
                return (f"{problem} — return x0's dtype: the float64 schedule promotes float32 x0 to float64, so cast "
                        "the gathered coefficients with .to(x0.dtype) before multiplying")
            for mistake, ref in _sample_variants(inputs).items():
                tol = (1e-12, 1e-12) if mistake == "float32_coefficients" else (1e-4, 1e-5)
                if torch.allclose(got.double(), ref, rtol=tol[0], atol=tol[1]):
                    return f"{problem} — {SAMPLE_TIPS[mistake]}"
            return problem + " — x_t = sqrt(alphas_cumprod[t]) * x0 + sqrt(1 - alphas_cumprod[t]) * noise, per sample"
        if key == "output" and isinstance(got, torch.Tensor):
            return problem + (" — x_t has the shape of x0: reshape the (B,) coefficients to (B, 1, 1, ...) so that they "
                              "broadcast over all the dims after the batch")
        if key == "output device type":
            return problem + " — move the gathered coefficients to x0.device (the schedule may live on the CPU)"
        if key.startswith("no input"):
            return problem + " — q_sample modified an input in place (mul_, add_, x0 *= ...): build a new tensor"
        return problem
    return None
