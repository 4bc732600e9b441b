import torch
from torch import nn


class Recorder(nn.Module):
    """The hidden critic, recording every batch it is evaluated on."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.seen = []

    def forward(self, x):
        self.seen.append(x.detach().clone())
        return self.net(x.flatten(1))


def build(state, device):
    w = state["0.weight"]
    if "2.weight" in state:
        net = nn.Sequential(nn.Linear(w.shape[1], w.shape[0]), nn.Tanh(), nn.Linear(w.shape[0], 1))
    else:
        net = nn.Sequential(nn.Linear(w.shape[1], 1))
    net.to(device=device, dtype=w.dtype)
    net.load_state_dict({k: v.to(device) for k, v in state.items()})
    return Recorder(net)


def _gen(device, seed):
    return torch.Generator(device=device).manual_seed(seed)


def _eps_diag(critic, real, fake, want=None):
    """How the first batch the critic saw that is neither real nor fake relates to them
    (`want`: the per-sample epsilons the reference draws from the same generator seed)."""
    for x in critic.seen:
        if x.shape != real.shape:
            return "shape"
        if torch.equal(x, real):
            continue
        if torch.equal(x, fake):
            continue
        diff = (real - fake).flatten(1)
        eps = ((x - fake).flatten(1) / diff)
        spread = (eps.max(1).values - eps.min(1).values).abs().max()
        if float(spread) > 1e-3:
            return "not per sample"
        per = eps.mean(1)
        if per.numel() > 1 and float(per.max() - per.min()) < 1e-6:
            return "scalar"
        if float(per.min()) < -1e-4 or float(per.max()) > 1 + 1e-4:
            return "outside"
        if want is not None and not torch.allclose(per, want, atol=1e-3, rtol=0):
            if torch.allclose(per, 1 - want, atol=1e-3, rtol=0):
                return "swapped"
            return "not replayed"
        return "ok"
    return "real only" if any(torch.equal(x, real) for x in critic.seen) else "fake only"


def _variants(critic, real, lam):
    """The penalty as common mistakes compute it, on the points the critic was evaluated on."""
    pts = [x for x in critic.seen if x.shape == real.shape]
    if not pts:
        return {}
    x = pts[-1].clone().requires_grad_(True)
    (g,) = torch.autograd.grad(critic.net(x.flatten(1)).sum(), x)
    n = g.flatten(1).norm(dim=1)
    ok = ((n - 1) ** 2).mean()
    found = {"abs": float(lam * (n - 1).abs().mean()), "no square": float(lam * (n - 1).mean()),
             "no lambda": float(ok), "lambda twice": float(lam * lam * ok),
             "one sided": float(lam * (torch.clamp(n - 1, min=0) ** 2).mean()),
             "squared norm": float(lam * ((n ** 2 - 1) ** 2).mean())}
    if real.shape[0] > 1:  # these coincide with the right penalty for a batch of one
        found["sum"] = float(lam * ((n - 1) ** 2).sum())
        found["mean scores"] = float(lam * ((n / real.shape[0] - 1) ** 2).mean())
    if real.shape[0] > 1:  # for a batch of one the whole-batch norm IS the per-sample norm
        found["batch norm"] = float(lam * (g.norm() - 1) ** 2)
    if real.dim() > 2:  # for flat samples the last dim IS the whole sample
        found["last dim"] = float(lam * ((g.norm(dim=-1) - 1) ** 2).mean())
    return found


def _which(value, variants):
    for k, v in variants.items():
        if abs(value - v) <= 1e-4 * abs(v) + 1e-6:
            return k
    return "other"


def run(solution, inputs, device):
    out = {}
    critic = build(inputs["critic"], device)
    real = inputs["real"].to(device).clone()
    fake = inputs["fake"].to(device).clone().requires_grad_(True)  # as if it came from a generator
    real0, fake0 = real.clone(), fake.detach().clone()
    lam, seed = inputs["lambda_gp"], inputs["seed"]
    fn = solution.gradient_penalty if inputs["part"] == "gp" else solution.critic_loss
    name = "penalty" if inputs["part"] == "gp" else "critic_loss"
    value = fn(critic, real, fake, generator=_gen(device, seed), lambda_gp=lam)
    out[name] = value
    if not isinstance(value, torch.Tensor) or value.shape != ():
        return out
    shape = (real0.shape[0],) + (1,) * (real0.dim() - 1)
    want = torch.rand(shape, generator=_gen(device, seed), device=device, dtype=real0.dtype).flatten()
    out["diag: epsilon"] = _eps_diag(critic, real0, fake0, want)
    if inputs["part"] == "gp":
        out["diag: variant"] = _which(float(value), _variants(critic, real0, lam))
    else:
        with torch.no_grad():
            w = critic.net(fake0.flatten(1)).mean() - critic.net(real0.flatten(1)).mean()
        gp = lam * _variants(critic, real0, lam).get("no lambda", float("nan"))
        out["diag: flipped"] = abs(float(value) - (gp - float(w))) <= 1e-4 * (1 + abs(float(value)))
    out["real and fake are left unchanged"] = bool(torch.equal(real, real0) and torch.equal(fake.detach(), fake0))
    again = fn(build(inputs["critic"], device), real0.clone(), fake0.clone().requires_grad_(True), generator=_gen(device, seed), lambda_gp=lam)
    out["the same generator seed gives the same value"] = bool(isinstance(again, torch.Tensor) and torch.equal(again, value))
    out["differentiable w.r.t. the critic's parameters"] = bool(value.requires_grad)
    if not value.requires_grad:
        return out
    value.backward()
    grads = [p.grad for p in critic.parameters()]
    out["every critic parameter gets a gradient"] = all(g is not None for g in grads)
    if not out["every critic parameter gets a gradient"]:
        return out
    out["gradient w.r.t. the critic's parameters"] = torch.cat([g.reshape(-1) for g in grads])
    out["fake receives no gradient"] = fake.grad is None or float(fake.grad.abs().max()) == 0
    return out
