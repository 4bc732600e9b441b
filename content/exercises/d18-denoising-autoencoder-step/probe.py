from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


def build_model(state, dropout, device):
    """An identity-initialised Linear(D, D), or Linear -> ReLU -> Dropout -> Linear, loaded from `state`."""
    if "lin.weight" in state:
        d = state["lin.weight"].shape[0]
        model = nn.Sequential(OrderedDict(lin=nn.Linear(d, d)))
    else:
        h, d = state["enc.weight"].shape
        model = nn.Sequential(OrderedDict(enc=nn.Linear(d, h), act=nn.ReLU(), drop=nn.Dropout(dropout),
                                          dec=nn.Linear(h, d)))
    model.to(device=device, dtype=next(iter(state.values())).dtype)
    model.load_state_dict({k: v.to(device) for k, v in state.items()})
    return model


def _generator(device, seed):
    return torch.Generator(device=device).manual_seed(seed)


def _probe_corrupt(solution, x, std, p, seed, device, out):
    """corrupt()'s contract and statistics; False when its output is unusable."""
    original = x.clone()
    first_in = x.clone()  # clone keeps the strides, so a non-contiguous x stays so
    g = _generator(device, seed)
    state = g.get_state()
    torch.manual_seed(1)
    a = solution.corrupt(first_in, std, p, g)
    out["corrupt: returns a tensor"] = isinstance(a, torch.Tensor)
    if not isinstance(a, torch.Tensor):
        return False
    out["corrupt: output shape"] = list(a.shape)
    out["corrupt: output dtype"] = str(a.dtype)
    out["corrupt: output device type"] = a.device.type
    if list(a.shape) != list(x.shape) or a.dtype != x.dtype:
        return False
    out["corrupt: x is left unchanged"] = bool(torch.equal(first_in, original))
    out["diag: generator used"] = not torch.equal(g.get_state(), state)
    torch.manual_seed(2)  # a different global RNG state: the output must not depend on it
    b = solution.corrupt(original.clone(), std, p, _generator(device, seed))
    out["corrupt: same generator seed gives the same output"] = isinstance(b, torch.Tensor) and bool(torch.equal(a, b))
    c = solution.corrupt(original.clone(), std, p, g)  # the same generator again, now advanced by the first call
    out["corrupt: a second call with the same generator gives a new corruption"] = (
        isinstance(c, torch.Tensor) and c.shape == a.shape and not bool(torch.equal(a, c)))
    a64, x64 = a.detach().double(), original.double()
    kept = a64 != 0
    residual = (a64 - x64)[kept]
    out["corrupt: fraction of elements set to 0"] = float((~kept).double().mean())
    out["corrupt: mean of (x_tilde - x) over kept elements"] = float(residual.mean()) if residual.numel() else 0.0
    out["corrupt: std of (x_tilde - x) over kept elements"] = (float(residual.std(correction=0))
                                                              if residual.numel() else 0.0)
    ratio = (a64[kept] / x64[kept]).mean() if residual.numel() else torch.tensor(1.0)
    out["diag: mean ratio x_tilde / x"] = float(ratio)
    return True


def _close(a, b, dtype):
    rtol, atol = (1e-9, 1e-12) if dtype == torch.float64 else (1e-4, 1e-6)
    return bool(torch.allclose(a.double(), b.double(), rtol=rtol, atol=atol))


def run(solution, inputs, device):
    std, p, seed, lr = inputs["noise_std"], inputs["drop_prob"], inputs["seed"], inputs["lr"]
    out = {}
    if not _probe_corrupt(solution, inputs["stats_x"].to(device), std, p, seed, device, out):
        return out
    x = inputs["x"].to(device)
    model = build_model(inputs["state"], inputs["dropout"], device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    params = dict(model.named_parameters())
    rec = {}

    def before_forward(module, args):
        rec["forwards"] = rec.get("forwards", 0) + 1
        rec["training"] = module.training
        rec["input"] = args[0].detach().clone()
        rec["rng"] = torch.get_rng_state()
        if device.startswith("cuda"):
            rec["cuda_rng"] = torch.cuda.get_rng_state(device)

    def before_step(opt, args, kwargs):
        rec["steps"] = rec.get("steps", 0) + 1
        rec["grads"] = {n: None if q.grad is None else q.grad.detach().clone() for n, q in params.items()}

    model.register_forward_pre_hook(before_forward)
    optimizer.register_step_pre_hook(before_step)
    g = _generator(device, seed + 1)
    previous = None
    for s in (1, 2):
        rec.clear()
        model.eval()  # the caller leaves the model in eval mode: train_step must switch it
        start = {k: v.detach().clone() for k, v in model.state_dict().items()}
        g_state = g.get_state()
        x_in = x.clone()
        loss = solution.train_step(model, optimizer, x_in, std, p, g)
        tag = f"step {s}: "
        out[tag + "model forward passes"] = rec.get("forwards", 0)
        if rec.get("forwards", 0) != 1:
            return out
        out[tag + "model in train mode during the forward"] = bool(rec["training"])
        out[tag + "x is left unchanged"] = bool(torch.equal(x_in, x))
        replay_in = solution.corrupt(x.clone(), std, p, torch.Generator(device=device).set_state(g_state))
        out[tag + "the model's input is corrupt(x, noise_std, drop_prob, generator)"] = (
            isinstance(replay_in, torch.Tensor) and replay_in.shape == rec["input"].shape
            and bool(torch.equal(replay_in, rec["input"])))
        out["diag: " + tag + "model input is clean x"] = bool(torch.equal(rec["input"], x))
        out[tag + "optimizer.step() calls"] = rec.get("steps", 0)
        out[tag + "returned type"] = type(loss).__name__
        # the reference step, replayed on a fresh copy with the same input and dropout mask
        replay = build_model({k: v for k, v in start.items()}, inputs["dropout"], device)
        replay.train()
        with torch.random.fork_rng(devices=[device] if device.startswith("cuda") else []):
            torch.set_rng_state(rec["rng"])
            if "cuda_rng" in rec:
                torch.cuda.set_rng_state(rec["cuda_rng"], device)
            recon = replay(rec["input"])
        names = [n for n, _ in replay.named_parameters()]
        clean = F.mse_loss(recon, x)
        noisy = F.mse_loss(recon, rec["input"])
        want = dict(zip(names, torch.autograd.grad(clean, list(replay.parameters()), retain_graph=True)))
        noisy_g = dict(zip(names, torch.autograd.grad(noisy, list(replay.parameters()))))
        try:
            value = float(loss)
        except (TypeError, ValueError, RuntimeError):
            value = float("nan")
        out[tag + "returned loss is MSE(model(x_tilde), clean x)"] = abs(value - float(clean)) <= 1e-4 * abs(float(clean)) + 1e-6
        out["diag: " + tag + "loss against x_tilde"] = abs(value - float(noisy)) <= 1e-4 * abs(float(noisy)) + 1e-6
        seen = rec.get("grads")
        if seen is None:
            grad_diag = "no step"
        elif any(seen[n] is None for n in names):
            grad_diag = "none"
        elif all(_close(seen[n], want[n], x.dtype) for n in names):
            grad_diag = "ok"
        elif all(_close(seen[n], noisy_g[n], x.dtype) for n in names):
            grad_diag = "noisy"
        elif previous is not None and all(_close(seen[n], want[n] + previous[n], x.dtype) for n in names):
            grad_diag = "stale"
        elif all(float(seen[n].abs().max()) == 0 for n in names):
            grad_diag = "zero"
        else:
            grad_diag = "other"
        out[tag + "gradient at optimizer.step() is that of MSE(model(x_tilde), clean x)"] = grad_diag == "ok"
        out["diag: " + tag + "gradient"] = grad_diag
        out[tag + "parameters after the step are one SGD step on that loss"] = all(
            _close(params[n].detach(), start[n] - lr * want[n], x.dtype) for n in names)
        previous = want
    return out
