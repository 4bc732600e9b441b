import math

import torch
import torch.nn.functional as F
from torch import nn


class TinyEps(nn.Module):
    """eps(x, t) = Linear(flatten(x)) + emb[t] (or, as an oracle, a fixed tensor: the true noise)."""

    def __init__(self, state, oracle, T, shape, device, dtype):
        super().__init__()
        d = math.prod(shape[1:])
        self.lin = nn.Linear(d, d).to(device=device, dtype=dtype)
        self.emb = nn.Parameter(torch.zeros(T, d, device=device, dtype=dtype))
        if state is not None:
            self.lin.weight.data.copy_(state["lin.weight"])
            self.lin.bias.data.copy_(state["lin.bias"])
            self.emb.data.copy_(state["emb"])
        self.oracle = oracle
        self.calls = []

    def predict(self, x, t):
        if self.oracle is not None:
            return self.oracle.clone()
        b = x.shape[0]
        return (self.lin(x.reshape(b, -1)) + self.emb[t]).reshape(x.shape)

    def forward(self, x, t):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"the model was called with t = {t!r} ({type(t).__name__}); it takes a (B,) int64 tensor, "
                            "one timestep per sample: torch.full((B,), t, dtype=torch.long, device=x.device)")
        if t.dtype != torch.int64 or t.shape != (x.shape[0],) or t.device != x.device:
            raise TypeError(f"the model was called with t of shape {tuple(t.shape)}, {t.dtype}, on {t.device}; it takes "
                            f"a ({x.shape[0]},) torch.int64 tensor on {x.device}, one timestep per sample")
        self.calls.append({"x": x.detach().clone(), "t": t.detach().clone(), "grad": torch.is_grad_enabled()})
        return self.predict(x, t)


def _model(inputs, x):
    return TinyEps(inputs.get("state"), inputs.get("eps_true"), inputs["acp"].shape[0], x.shape, x.device, x.dtype)


def _q(x0, t, acp, noise):
    a = acp.double().to(x0.device)[t].reshape(-1, *([1] * (x0.dim() - 1)))
    return (a.sqrt() * x0.double() + (1 - a).sqrt() * noise.double()).to(x0.dtype)


def _close(a, b):
    tol = (1e-9, 1e-10) if a.dtype == torch.float64 else (1e-4, 1e-5)
    return a.shape == b.shape and bool(torch.allclose(a.double(), b.double(), rtol=tol[0], atol=tol[1]))


def _loss(solution, inputs):
    x0, t, noise = inputs["x0"], inputs["t"], inputs["noise"]
    acp = inputs["acp"].cpu() if inputs["sched_on_cpu"] else inputs["acp"]
    model = _model(inputs, x0)
    originals = [x0.clone(), t.clone(), noise.clone(), acp.clone()]
    args = [x0.clone(), t.clone(), noise.clone(), acp.clone()]
    loss = solution.noise_prediction_loss(model, *args)
    out = {"model forward calls": len(model.calls)}
    if len(model.calls) != 1:
        return out
    seen = model.calls[0]["x"]
    x_t = _q(x0, t, acp, noise)
    out["the model's input is x_t = q_sample(x0, t, alphas_cumprod, noise)"] = _close(seen, x_t)
    out["diag: model input is x0"] = _close(seen, x0)
    out["the model is called with the per-sample timesteps t"] = bool(torch.equal(model.calls[0]["t"], t))
    out["no input is modified in place"] = all(torch.equal(a, b) for a, b in zip(args, originals))
    with torch.no_grad():
        pred = model.predict(seen, model.calls[0]["t"])
        out["diag: loss against x0"] = float(F.mse_loss(pred, x0))
        out["diag: loss summed"] = float(((pred - noise) ** 2).sum())
    if not isinstance(loss, torch.Tensor) or loss.shape != ():
        out["loss"] = loss
        return out
    out["loss"] = loss
    out["loss requires grad"] = loss.requires_grad
    if not loss.requires_grad:
        return out
    loss.backward()
    for name, p in model.named_parameters():
        out[f"grad:model.{name}"] = p.grad if p.grad is not None else torch.zeros_like(p)
    return out


def _step(solution, inputs):
    x_t, t, noise = inputs["x_t"], inputs["t"], inputs["noise"]
    betas, acp = inputs["betas"], inputs["acp"]
    if inputs["sched_on_cpu"]:
        betas, acp = betas.cpu(), acp.cpu()
    model = _model(inputs, x_t)
    originals = [x_t.clone(), betas.clone(), acp.clone(), noise.clone()]
    args = [x_t.clone(), betas.clone(), acp.clone(), noise.clone()]
    got = solution.p_sample_step(model, args[0], t, args[1], args[2], args[3])
    out = {"model forward calls": len(model.calls)}
    if len(model.calls) != 1:
        return out
    out["the model is called on x_t"] = _close(model.calls[0]["x"], x_t)
    out["the model is called with t for every sample"] = bool((model.calls[0]["t"] == t).all())
    out["output"] = got
    out["no input is modified in place"] = all(torch.equal(a, b) for a, b in zip(args, originals))
    if isinstance(got, torch.Tensor):
        out["output requires grad (it must not: sampling runs under torch.no_grad())"] = got.requires_grad
    out["diag: grad enabled in the model"] = model.calls[0]["grad"]
    # the usual mistakes, in float64, from the model's own prediction
    with torch.no_grad():
        eps = model.predict(x_t, model.calls[0]["t"]).double()
    x, z = x_t.double(), noise.double()
    b, a_bar = float(betas[t]), float(acp[t])
    prev = float(acp[t - 1]) if t > 0 else 1.0
    mean = (x - b / math.sqrt(1 - a_bar) * eps) / math.sqrt(1 - b)
    variants = {
        "no_sqrt": (x - b / (1 - a_bar) * eps) / math.sqrt(1 - b),
        "alpha_denominator": (x - b / math.sqrt(b) * eps) / math.sqrt(1 - b),
        "no_outer_sqrt": (x - b / math.sqrt(1 - a_bar) * eps) / (1 - b),
    }
    variants = {k: v + (math.sqrt(b) * z if t > 0 else 0) for k, v in variants.items()}
    if t == 0:
        variants["noise_at_0"] = mean + math.sqrt(b) * z
    else:
        variants["sigma_beta"] = mean + b * z
        variants["posterior_variance"] = mean + math.sqrt((1 - prev) / (1 - a_bar) * b) * z
        variants["no_noise"] = mean
    for k, v in variants.items():
        out["diag: " + k] = v.to(x_t.dtype)
    if "x0" in inputs and isinstance(got, torch.Tensor) and got.shape == x_t.shape:
        x0 = inputs["x0"].double()
        if t == 0:
            out["oracle model at t = 0: the step returns x0 itself"] = _close(got, x0.to(x_t.dtype))
        elif float(noise.abs().max()) == 0:
            post = math.sqrt(prev) * b / (1 - a_bar) * x0 + math.sqrt(1 - b) * (1 - prev) / (1 - a_bar) * x
            out["oracle model, zero noise: the step returns the posterior mean of q(x_{t-1} | x_t, x0)"] = _close(
                got, post.to(x_t.dtype))
    return out


def run(solution, inputs, device):
    return _loss(solution, inputs) if inputs["kind"] == "loss" else _step(solution, inputs)
