"""Hidden small MLPs for G and D (Linear -> LeakyReLU -> Linear), rebuilt in the probe from
state dicts. The loss parts compare values and gradients with the reference; train_step is
replayed step by step against a reference inside the probe."""

import math

import torch

from quizzer.practice.compare import compare_value


def _mlp(i, h, o, dtype, device, scale=1.0, bias=0.0):
    return {"0.weight": torch.randn(h, i, dtype=dtype, device=device) / math.sqrt(i),
            "0.bias": 0.1 * torch.randn(h, dtype=dtype, device=device),
            "2.weight": scale * torch.randn(o, h, dtype=dtype, device=device) / math.sqrt(h),
            "2.bias": bias + 0.1 * torch.randn(o, dtype=dtype, device=device)}


def _case(part, b, dtype=torch.float32, device="cpu", d_scale=1.0, d_bias=0.0, z_dim=4, x_dim=6, h=8):
    return {"part": part, "G": _mlp(z_dim, h, x_dim, dtype, device),
            "D": _mlp(x_dim, h, 1, dtype, device, scale=d_scale, bias=d_bias),
            "real": torch.randn(b, x_dim, dtype=dtype, device=device) + 1.0,
            "z": torch.randn(b, z_dim, dtype=dtype, device=device), "lr_g": 0.1, "lr_d": 0.2}


def cases(device):
    f64 = torch.float64
    return [
        ("discriminator_loss: G and D MLPs, batch of 16", _case("d", 16, device=device)),
        ("discriminator_loss: very confident D, logits of about ±150", _case("d", 12, device=device, d_scale=150.0)),
        ("discriminator_loss: float64, a batch of one", _case("d", 1, dtype=f64, device=device)),
        ("generator_loss: G and D MLPs, batch of 16", _case("g", 16, device=device)),
        ("generator_loss: D confidently rejects the fakes (logits about -20)",
         _case("g", 10, device=device, d_scale=0.05, d_bias=-20.0)),
        ("generator_loss: float32, D rejects the fakes at logits of about -120 (sigmoid underflows to 0)",
         _case("g", 12, device=device, d_scale=20.0, d_bias=-120.0)),
        ("generator_loss: float64, a batch of one, logits of about ±150", _case("g", 1, dtype=f64, device=device,
                                                                                d_scale=150.0)),
        ("train_step: two steps, SGD, batch of 8", _case("t", 8, device=device)),
        ("train_step: two steps, float64, a batch of one", _case("t", 1, dtype=f64, device=device)),
    ]


RTOL, ATOL = 1e-4, 1e-6

D_VARIANTS = {
    "swapped": "the labels are swapped: the discriminator labels real samples 1 and fakes 0",
    "sum": "this is the SUM over the batch; each term is a mean over the batch (reduction='mean')",
    "half": "this is half the loss: add the two batch means, BCE(D(real), 1) + BCE(D(fake), 0), do not average them",
    "clamped": ("this is sigmoid followed by BCELoss, which clamps log(0) at -100: work on logits with "
                "F.binary_cross_entropy_with_logits, which is exact and stable for any logit"),
}
G_VARIANTS = {
    "saturating": ("this is the minimax (saturating) form mean(log(1 - sigmoid(D(fake)))): use the non-saturating "
                   "loss BCE(D(fake), ones) = mean(-log sigmoid(D(fake))), whose gradient does not vanish when D "
                   "rejects the fakes"),
    "neg_saturating": ("this is -mean(log(1 - sigmoid(D(fake)))), which the generator would MINIMISE by making its "
                       "fakes look fake: use BCE(D(fake), ones), the fakes labelled as real"),
    "zeros": "the fakes are labelled 0: the generator wants D to call them real, so label them 1 (torch.ones_like)",
    "sum": "this is the SUM over the batch; use the mean (reduction='mean')",
    "clamped": ("this is sigmoid followed by BCELoss, which clamps log(0) at -100: work on logits with "
                "F.binary_cross_entropy_with_logits"),
}

TIPS = {
    "discriminator_loss: real and fake are left unchanged": "do not modify real or fake in place",
    "generator_loss: fake is left unchanged": "do not modify fake in place",
    "discriminator_loss: differentiable w.r.t. D's parameters": (
        "the loss has no autograd graph: return the tensor itself, not .item(), and compute it outside torch.no_grad()"),
    "discriminator_loss: G's parameters receive no gradient": (
        "the discriminator's loss sent gradient into G: score D(fake.detach()), so that the discriminator step "
        "neither trains G nor leaves gradients in G's .grad (and G's graph survives for the generator step)"),
    "discriminator_loss: every D parameter gets a gradient": "every parameter of D should get a gradient",
    "generator_loss: differentiable (the gradient reaches G through fake)": (
        "the generator loss has no graph: do not detach fake or use torch.no_grad() in generator_loss, and "
        "return a tensor, not .item()"),
    "generator_loss: G's parameters receive a gradient": (
        "G got no gradient: do not detach fake in generator_loss; its gradient must reach G through fake"),
    "real and z are left unchanged": "train_step must not modify real or z in place",
    "opt_d.step() calls": "call opt_d.step() exactly once per train_step, after the discriminator loss's backward()",
    "opt_g.step() calls": "call opt_g.step() exactly once per train_step, after the generator loss's backward()",
    "returns (d_loss, g_loss) as two Python floats": "return a tuple (d_loss.item(), g_loss.item())",
    "returned d_loss": "return the discriminator loss computed in this step, before opt_d.step()",
    "returned g_loss": "return the generator loss of this step, computed against the updated D before opt_g.step()",
    "D's parameters are not changed after opt_d.step()": (
        "D changed after its own step: only opt_g may step after the generator loss's backward(), which also "
        "fills D's .grad"),
    "D's parameters after the step match the reference": (
        "D's update differs from one SGD step on the discriminator loss: zero D's gradients before its backward"),
    "G's parameters after the step match the reference": (
        "G's update differs from one SGD step on the generator loss against the updated D"),
}

D_GRAD = {
    "none": "a parameter of D had no gradient at opt_d.step(): call d_loss.backward() before opt_d.step()",
    "stale": ("it is this step's gradient PLUS the gradients D already held (stale ones, or those the previous "
              "generator step's backward left in D's .grad): call opt_d.zero_grad() before d_loss.backward()"),
    "d+g": ("it is the gradient of d_loss + g_loss: one backward of both losses followed by both steps trains D "
            "on the generator's objective too; do the discriminator step (zero_grad, backward, step) first, "
            "then the generator step"),
    "g": "this is the generator loss's gradient: opt_d must step on the discriminator loss",
}
G_GRAD = {
    "none": ("G had no gradient at opt_g.step(): the fakes must be made with the graph (no torch.no_grad(), no "
             "detach) and the generator loss backpropagated before opt_g.step()"),
    "some none": "some parameters of G had no gradient at opt_g.step()",
    "other": ("G's gradient at opt_g.step() is not that of the generator loss alone: call opt_g.zero_grad() right "
              "before g_loss.backward(), and score the fakes against the D that opt_d has just updated"),
}


def _tip(key, actual):
    short = key.split(": ", 1)[1] if key.startswith("train_step ") else key
    step = key.split(":")[0]
    if key == "discriminator_loss" or key == "generator_loss":
        value = actual.get(key)
        if not isinstance(value, torch.Tensor):
            return "return the loss as a tensor (no .item()), so that it can be backpropagated"
        if value.shape != ():
            return "return one number: the mean over the batch (the labels must have the logits' shape (B, 1))"
        diag = actual.get(f"diag: {key} variant")
        if not math.isfinite(float(value)):
            return "the loss is not finite: work on logits with F.binary_cross_entropy_with_logits"
        table = D_VARIANTS if key == "discriminator_loss" else G_VARIANTS
        return table.get(diag, "")
    if short.startswith("D's gradient at opt_d.step()"):
        return D_GRAD.get(actual.get(f"diag: {step}: D gradient"), "")
    if short.startswith("G's gradient at opt_g.step()"):
        return G_GRAD.get(actual.get(f"diag: {step}: G gradient"), G_GRAD["other"])
    if key.endswith("gradient w.r.t. G's parameters") and actual.get("diag: generator_loss variant") != "other":
        return G_VARIANTS.get(actual.get("diag: generator_loss variant"), "")
    if key.endswith("gradient w.r.t. D's parameters") and actual.get("diag: discriminator_loss variant") != "other":
        return D_VARIANTS.get(actual.get("diag: discriminator_loss variant"), "")
    if "gradient w.r.t." in key:
        return ("the gradients differ although the loss value is right: sigmoid followed by BCELoss has a vanishing "
                "gradient for confident logits; use F.binary_cross_entropy_with_logits")
    return TIPS.get(short, "")


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        if key.startswith("diag:"):
            continue
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            if isinstance(value, torch.Tensor) and isinstance(actual.get(key), torch.Tensor) \
                    and actual[key].dtype != value.dtype:
                return problem + (" — build the labels with torch.ones_like(logits) / torch.zeros_like(logits), "
                                  "so that they have the logits' dtype and device")
            tip = _tip(key, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
