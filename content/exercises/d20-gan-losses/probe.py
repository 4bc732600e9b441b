from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


def build(state, device):
    """Linear -> LeakyReLU(0.2) -> Linear, loaded from `state` (G or D)."""
    h, i = state["0.weight"].shape
    o = state["2.weight"].shape[0]
    net = nn.Sequential(OrderedDict([("0", nn.Linear(i, h)), ("1", nn.LeakyReLU(0.2)), ("2", nn.Linear(h, o))]))
    net.to(device=device, dtype=state["0.weight"].dtype)
    net.load_state_dict({k: v.to(device) for k, v in state.items()})
    return net


def _bce(logits, label):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label))


def ref_d_loss(D, real, fake):
    return _bce(D(real), 1.0) + _bce(D(fake.detach()), 0.0)


def ref_g_loss(D, fake):
    return _bce(D(fake), 1.0)


def _flat(tensors):
    return torch.cat([t.detach().reshape(-1) for t in tensors])


def _grads(net):
    return [p.grad for p in net.parameters()]


def _no_grad(grads):
    return all(g is None or float(g.abs().max()) == 0 for g in grads)


def _close(a, b):
    if a.dtype == torch.float64:
        return bool(torch.allclose(a.double(), b.double(), rtol=1e-9, atol=1e-12))
    return bool(torch.allclose(a.double(), b.double(), rtol=1e-4, atol=1e-6))


def _value(x):
    try:
        return float(x)
    except (TypeError, ValueError, RuntimeError):
        return float("nan")


def _which(value, variants):
    for name, v in variants.items():
        if abs(value - v) <= 1e-4 * abs(v) + 1e-6:
            return name
    return "other"


def _probe_d_loss(solution, inputs, device, out):
    G, D = build(inputs["G"], device), build(inputs["D"], device)
    real = inputs["real"].to(device).clone()
    fake = G(inputs["z"].to(device))
    real0, fake0 = real.clone(), fake.detach().clone()
    loss = solution.discriminator_loss(D, real, fake)
    out["discriminator_loss"] = loss
    if not isinstance(loss, torch.Tensor) or loss.shape != ():
        return
    with torch.no_grad():
        lr_, lf = D(real0), D(fake0)
        variants = {
            "swapped": float(_bce(lr_, 0.0) + _bce(lf, 1.0)),
            "sum": float(F.binary_cross_entropy_with_logits(lr_, torch.ones_like(lr_), reduction="sum")
                         + F.binary_cross_entropy_with_logits(lf, torch.zeros_like(lf), reduction="sum")),
            "half": 0.5 * float(_bce(lr_, 1.0) + _bce(lf, 0.0)),
            "clamped": float(F.binary_cross_entropy(torch.sigmoid(lr_), torch.ones_like(lr_))
                             + F.binary_cross_entropy(torch.sigmoid(lf), torch.zeros_like(lf))),
        }
    out["diag: discriminator_loss variant"] = _which(_value(loss), variants)
    out["discriminator_loss: real and fake are left unchanged"] = bool(
        torch.equal(real, real0) and torch.equal(fake.detach(), fake0))
    out["discriminator_loss: differentiable w.r.t. D's parameters"] = bool(loss.requires_grad)
    if not loss.requires_grad:
        return
    loss.backward()
    out["discriminator_loss: G's parameters receive no gradient"] = _no_grad(_grads(G))
    d_grads = _grads(D)
    if any(g is None for g in d_grads):
        out["discriminator_loss: every D parameter gets a gradient"] = False
        return
    out["discriminator_loss: gradient w.r.t. D's parameters"] = _flat(d_grads)


def _probe_g_loss(solution, inputs, device, out):
    G, D = build(inputs["G"], device), build(inputs["D"], device)
    fake = G(inputs["z"].to(device))
    fake0 = fake.detach().clone()
    loss = solution.generator_loss(D, fake)
    out["generator_loss"] = loss
    if not isinstance(loss, torch.Tensor) or loss.shape != ():
        return
    with torch.no_grad():
        lf = D(fake0)
        variants = {"saturating": float(torch.log1p(-torch.sigmoid(lf)).mean()),
                    "neg_saturating": float(-torch.log1p(-torch.sigmoid(lf)).mean()),
                    "zeros": float(_bce(lf, 0.0)),
                    "sum": float(F.binary_cross_entropy_with_logits(lf, torch.ones_like(lf), reduction="sum")),
                    "clamped": float(F.binary_cross_entropy(torch.sigmoid(lf), torch.ones_like(lf)))}
    out["diag: generator_loss variant"] = _which(_value(loss), variants)
    out["generator_loss: fake is left unchanged"] = bool(torch.equal(fake.detach(), fake0))
    out["generator_loss: differentiable (the gradient reaches G through fake)"] = bool(loss.requires_grad)
    if not loss.requires_grad:
        return
    loss.backward()
    g_grads = _grads(G)
    out["generator_loss: G's parameters receive a gradient"] = not any(g is None for g in g_grads)
    if any(g is None for g in g_grads):
        return
    out["generator_loss: gradient w.r.t. G's parameters"] = _flat(g_grads)


def _probe_train_step(solution, inputs, device, out):
    G, D = build(inputs["G"], device), build(inputs["D"], device)
    lr_g, lr_d = inputs["lr_g"], inputs["lr_d"]
    opt_g = torch.optim.SGD(G.parameters(), lr=lr_g)
    opt_d = torch.optim.SGD(D.parameters(), lr=lr_d)
    real, z = inputs["real"].to(device), inputs["z"].to(device)
    for p in list(G.parameters()) + list(D.parameters()):  # the optimizers arrive holding stale gradients
        p.grad = torch.full_like(p, 0.25)
    rec = {}

    def hook(name, net):
        def pre(opt, args, kwargs):
            rec[name + " steps"] = rec.get(name + " steps", 0) + 1
            rec[name + " grads"] = [None if g is None else g.detach().clone() for g in _grads(net)]
        return pre

    def after_d(opt, args, kwargs):
        rec["D after opt_d"] = [p.detach().clone() for p in D.parameters()]

    opt_g.register_step_pre_hook(hook("opt_g", G))
    opt_d.register_step_pre_hook(hook("opt_d", D))
    opt_d.register_step_post_hook(after_d)
    rG, rD = build(inputs["G"], device), build(inputs["D"], device)  # the reference replay
    for s in (1, 2):
        rec.clear()
        tag = f"train_step {s}: "
        real_in, z_in = real.clone(), z.clone()
        pre_d = [None if g is None else g.detach().clone() for g in _grads(D)]
        # the reference step on the replay copies
        fake = rG(z)
        d_ref = ref_d_loss(rD, real, fake)
        want_d = torch.autograd.grad(d_ref, list(rD.parameters()))
        g_on_d = torch.autograd.grad(ref_g_loss(rD, fake), list(rD.parameters()), retain_graph=True)
        with torch.no_grad():
            for p, g in zip(rD.parameters(), want_d):
                p -= lr_d * g
        g_ref = ref_g_loss(rD, fake)
        want_g = torch.autograd.grad(g_ref, list(rG.parameters()))
        with torch.no_grad():
            for p, g in zip(rG.parameters(), want_g):
                p -= lr_g * g
        result = solution.train_step(G, D, opt_g, opt_d, real_in, z_in)
        out[tag + "real and z are left unchanged"] = bool(torch.equal(real_in, real) and torch.equal(z_in, z))
        out[tag + "opt_d.step() calls"] = rec.get("opt_d steps", 0)
        out[tag + "opt_g.step() calls"] = rec.get("opt_g steps", 0)
        ok_tuple = isinstance(result, tuple) and len(result) == 2
        out[tag + "returns (d_loss, g_loss) as two Python floats"] = (
            [type(v).__name__ for v in result] if ok_tuple else type(result).__name__)
        seen = rec.get("opt_d grads")
        if seen is not None:
            if any(g is None for g in seen):
                diag = "none"
            elif all(_close(a, b) for a, b in zip(seen, want_d)):
                diag = "ok"
            elif all(c is not None for c in pre_d) and all(
                    _close(a, b + c) for a, b, c in zip(seen, want_d, pre_d)):
                diag = "stale"
            elif all(_close(a, b + c) for a, b, c in zip(seen, want_d, g_on_d)):
                diag = "d+g"
            elif all(_close(a, b) for a, b in zip(seen, g_on_d)):
                diag = "g"
            else:
                diag = "other"
            out[tag + "D's gradient at opt_d.step() is that of the discriminator loss alone"] = diag == "ok"
            out["diag: " + tag + "D gradient"] = diag
        seen = rec.get("opt_g grads")
        if seen is not None:
            if all(g is None for g in seen) or _no_grad(seen):
                diag = "none"
            elif any(g is None for g in seen):
                diag = "some none"
            elif all(_close(a, b) for a, b in zip(seen, want_g)):
                diag = "ok"
            else:
                diag = "other"
            out[tag + "G's gradient at opt_g.step() is that of the generator loss against the updated D"] = diag == "ok"
            out["diag: " + tag + "G gradient"] = diag
        if "D after opt_d" in rec:
            out[tag + "D's parameters are not changed after opt_d.step()"] = all(
                torch.equal(a, p.detach()) for a, p in zip(rec["D after opt_d"], D.parameters()))
        out[tag + "D's parameters after the step match the reference"] = all(
            _close(p.detach(), q.detach()) for p, q in zip(D.parameters(), rD.parameters()))
        out[tag + "G's parameters after the step match the reference"] = all(
            _close(p.detach(), q.detach()) for p, q in zip(G.parameters(), rG.parameters()))
        if ok_tuple:
            out[tag + "returned d_loss"] = _value(result[0])
            out[tag + "returned g_loss"] = _value(result[1])
        if not (out[tag + "D's parameters after the step match the reference"]
                and out[tag + "G's parameters after the step match the reference"]):
            return


def run(solution, inputs, device):
    out = {}
    part = inputs["part"]
    if part == "d":
        _probe_d_loss(solution, inputs, device, out)
    elif part == "g":
        _probe_g_loss(solution, inputs, device, out)
    else:
        _probe_train_step(solution, inputs, device, out)
    return out
