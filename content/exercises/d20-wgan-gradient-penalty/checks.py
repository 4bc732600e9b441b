"""Hidden critics: a linear critic w·x + b (penalty exactly lambda_gp * (|w| - 1)^2 for any
epsilon) and small tanh MLPs, both applied to the flattened sample. The probe records what the
critic was evaluated on, to name the mistake."""

import math

import torch

from quizzer.practice.compare import compare_value


def _linear(d, dtype, device, scale=1.0):
    return {"0.weight": scale * torch.randn(1, d, dtype=dtype, device=device) / math.sqrt(d),
            "0.bias": torch.randn(1, dtype=dtype, device=device)}


def _mlp(d, h, dtype, device):
    return {"0.weight": 2 * torch.randn(h, d, dtype=dtype, device=device) / math.sqrt(d),
            "0.bias": 0.5 * torch.randn(h, dtype=dtype, device=device),
            "2.weight": 2 * torch.randn(1, h, dtype=dtype, device=device) / math.sqrt(h),
            "2.bias": torch.randn(1, dtype=dtype, device=device)}


def _case(part, shape, critic, seed, dtype=torch.float32, device="cpu", lam=10.0):
    return {"part": part, "critic": critic, "real": torch.randn(shape, dtype=dtype, device=device) + 1.0,
            "fake": torch.randn(shape, dtype=dtype, device=device) - 1.0, "seed": seed, "lambda_gp": lam}


def cases(device):
    f64 = torch.float64
    return [
        ("penalty: linear critic on images (8, 3, 4, 4): exactly lambda_gp * (|w| - 1)^2",
         _case("gp", (8, 3, 4, 4), _linear(48, torch.float32, device, scale=3.0), 1, device=device)),
        ("penalty: tanh MLP critic, flat samples (16, 10)", _case("gp", (16, 10), _mlp(10, 12, torch.float32, device),
                                                                  2, device=device)),
        ("penalty: tanh MLP critic, float64 images (6, 2, 3, 5), lambda_gp = 5",
         _case("gp", (6, 2, 3, 5), _mlp(30, 8, f64, device), 3, dtype=f64, device=device, lam=5.0)),
        ("penalty: a batch of one, tanh MLP critic", _case("gp", (1, 7), _mlp(7, 6, torch.float32, device), 4,
                                                           device=device)),
        ("critic_loss: tanh MLP critic, flat samples (12, 8)",
         _case("loss", (12, 8), _mlp(8, 10, torch.float32, device), 5, device=device)),
        ("critic_loss: linear critic, float64 images (4, 1, 5, 5)",
         _case("loss", (4, 1, 5, 5), _linear(25, f64, device, scale=0.3), 6, dtype=f64, device=device)),
    ]


RTOL, ATOL = 1e-4, 1e-6

EPS = {
    "scalar": ("every sample was interpolated with the SAME epsilon: draw one epsilon per sample, "
               "torch.rand((B, 1, ..., 1), generator=generator, ...), so that the penalty covers many directions"),
    "not per sample": ("epsilon varies inside a sample: draw it with shape (B, 1, ..., 1), one value per sample, "
                       "not with real's full shape"),
    "outside": "the points are not between real and fake: x_hat = eps * real + (1 - eps) * fake with eps in [0, 1)",
    "real only": ("the penalty was taken on the real samples only: WGAN-GP penalises the gradient on random "
                  "interpolates x_hat = eps * real + (1 - eps) * fake"),
    "fake only": "the penalty was taken on the fakes only: use interpolates x_hat = eps * real + (1 - eps) * fake",
    "shape": "the critic must be evaluated on x_hat, which has real's shape",
    "swapped": ("the interpolate is eps * fake + (1 - eps) * real: the same distribution, but the checks replay the "
                "draw, so write x_hat = eps * real + (1 - eps) * fake as the docstring says"),
    "not replayed": ("the per-sample epsilons are not the ones torch.rand((B, 1, ..., 1), generator=generator, "
                     "device=real.device, dtype=real.dtype) draws: pass the generator argument on (also from "
                     "critic_loss), draw with dtype=real.dtype (a float32 draw is a different sequence) and draw "
                     "exactly once, before anything else random"),
}
VARIANT = {
    "batch norm": ("this is the norm of the whole batch's gradient: take one L2 norm per sample, "
                   "grads.flatten(1).norm(2, dim=1), then average (norm - 1)^2 over the batch"),
    "last dim": ("the norm was taken over the last dim only: flatten every non-batch dim of a sample first, "
                 "grads.flatten(1).norm(2, dim=1), so that an image's C*H*W gradient is one vector"),
    "abs": "this is mean(|norm - 1|): the penalty squares the distance, mean((norm - 1) ** 2)",
    "no square": "this is mean(norm - 1), which can be negative: square it, mean((norm - 1) ** 2)",
    "no lambda": "lambda_gp is missing: the penalty is lambda_gp * mean((norm - 1) ** 2)",
    "lambda twice": "lambda_gp was applied twice: multiply by it once",
    "one sided": ("this is the one-sided penalty mean(max(0, norm - 1) ** 2): WGAN-GP's penalty is two-sided, "
                  "mean((norm - 1) ** 2), and also pushes norms below 1 up towards 1"),
    "squared norm": ("this uses the squared norm: take the L2 norm itself, grads.flatten(1).norm(2, dim=1) "
                     "(the square root of the sum of squares), then mean((norm - 1) ** 2)"),
    "sum": "this is the SUM of (norm - 1)^2 over the batch: average it, mean((norm - 1) ** 2)",
    "mean scores": ("every gradient is 1/B too small: differentiate critic(x_hat).sum(), not .mean(), so that each "
                    "sample's input gradient is its own gradient"),
}
TIPS = {
    "real and fake are left unchanged": "do not modify real or fake in place; build x_hat as a new tensor",
    "the same generator seed gives the same value": (
        "draw epsilon from the generator argument (torch.rand(..., generator=generator)), not the global RNG"),
    "differentiable w.r.t. the critic's parameters": (
        "the result has no graph: call torch.autograd.grad(..., create_graph=True); without it the input "
        "gradients are constants and the penalty cannot train the critic"),
    "every critic parameter gets a gradient": "every critic parameter should get a gradient",
    "fake receives no gradient": ("fake got a gradient: detach it (fake = fake.detach()) before building x_hat and "
                                  "before scoring it, so that the critic's step does not train the generator"),
    "gradient w.r.t. the critic's parameters": (
        "the value is right but its gradient is not: keep create_graph=True and build the penalty from the "
        "autograd.grad result without detaching it"),
}


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        if key.startswith("diag:"):
            continue
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if not problem:
            continue
        if key in ("penalty", "critic_loss"):
            got = actual.get(key)
            if not isinstance(got, torch.Tensor):
                return problem + " — return a 0-d tensor (no .item()), so that it can be backpropagated"
            if got.shape != ():
                return problem + " — return one number: the mean over the batch"
            if got.dtype != value.dtype:
                return problem + " — draw epsilon with dtype=real.dtype and keep real's dtype throughout"
            eps = actual.get("diag: epsilon")
            if eps in EPS and eps != "ok":
                return problem + " — " + EPS[eps]
            if key == "penalty" and actual.get("diag: variant") in VARIANT:
                return problem + " — " + VARIANT[actual["diag: variant"]]
            if key == "critic_loss" and actual.get("diag: flipped"):
                return problem + (" — the Wasserstein term has the wrong sign: the critic MINIMISES "
                                  "mean(critic(fake)) - mean(critic(real)), scoring real samples high")
            return problem + (" — draw epsilon exactly as torch.rand((B, 1, ..., 1), generator=generator, "
                              "device=real.device, dtype=real.dtype) and follow the steps in the docstring")
        tip = TIPS.get(key)
        return problem + (" — " + tip if tip else "")
    return None
