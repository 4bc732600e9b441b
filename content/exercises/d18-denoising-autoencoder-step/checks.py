"""Corruption is random and a correct corrupt() may draw its numbers in its own way, so the
statistics of corrupt() are checked against theory (6-sigma bounds), and train_step is checked
against a reference step replayed inside the probe on the very input the model received."""

import math

import torch

from quizzer.practice.compare import compare_value


def _mlp(d, h, dtype, device):
    return {"enc.weight": torch.randn(h, d, dtype=dtype, device=device) / math.sqrt(d),
            "enc.bias": 0.1 * torch.randn(h, dtype=dtype, device=device),
            "dec.weight": torch.randn(d, h, dtype=dtype, device=device) / math.sqrt(h),
            "dec.bias": 0.1 * torch.randn(d, dtype=dtype, device=device)}


def _identity(d, dtype, device):
    return {"lin.weight": torch.eye(d, dtype=dtype, device=device), "lin.bias": torch.zeros(d, dtype=dtype, device=device)}


def _case(std, p, seed, state, b, d, dropout=0.0, dtype=torch.float32, transposed=False, device="cpu"):
    stats_x = torch.rand(200, 300, dtype=dtype, device=device) + 0.5  # in [0.5, 1.5): no exact zeros
    x = torch.rand(b, d, dtype=dtype, device=device)
    if transposed:
        stats_x = stats_x.t()
        x = torch.rand(d, b, dtype=dtype, device=device).t()
    return {"stats_x": stats_x, "x": x, "noise_std": std, "drop_prob": p, "seed": seed, "state": state,
            "dropout": dropout, "lr": 0.5}


def cases(device):
    f64 = torch.float64
    return [
        ("MLP 20-8-20 with dropout 0.2; noise_std 0.3, drop_prob 0.25",
         _case(0.3, 0.25, 11, _mlp(20, 8, torch.float32, device), 16, 20, dropout=0.2, device=device)),
        ("identity model (Linear initialised to I); noise only: noise_std 0.5, drop_prob 0",
         _case(0.5, 0.0, 12, _identity(10, torch.float32, device), 8, 10, device=device)),
        ("masking only (noise_std 0, drop_prob 0.5), MLP, a batch of one",
         _case(0.0, 0.5, 13, _mlp(12, 5, torch.float32, device), 1, 12, dropout=0.1, device=device)),
        ("float64 MLP with dropout 0.3; noise_std 0.1, drop_prob 0.1",
         _case(0.1, 0.1, 14, _mlp(15, 6, f64, device), 10, 15, dropout=0.3, dtype=f64, device=device)),
        ("non-contiguous (transposed) x, identity model; noise_std 0.2, drop_prob 0.4",
         _case(0.2, 0.4, 15, _identity(9, torch.float32, device), 7, 9, transposed=True, device=device)),
    ]


def _stat_problem(key, inputs, got):
    p, std, n = inputs["drop_prob"], inputs["noise_std"], inputs["stats_x"].numel()
    kept = max(n * (1 - p), 1)
    if not isinstance(got, (int, float)) or math.isnan(got):
        return f"{key}: expected a number, got {got!r}"
    if key.endswith("fraction of elements set to 0"):
        want, tol = p, 6 * math.sqrt(p * (1 - p) / n) + 1e-9
        if abs(got - want) <= tol:
            return None
        msg = f"{key}: expected {want:g} ± {tol:.2g}, got {got:.4f}"
        if p > 0 and std > 0 and got < tol:
            return msg + (" — the dropped elements must be exactly 0: add the noise first, then apply the mask "
                          "((x + noise) * keep); masking first and adding noise afterwards leaves no zeros")
        return msg + " — zero each element independently with probability drop_prob (torch.rand(...) < drop_prob)"
    if key.endswith("mean of (x_tilde - x) over kept elements"):
        tol = 6 * std / math.sqrt(kept) + 1e-5
        if abs(got) <= tol:
            return None
        return (f"{key}: expected 0 ± {tol:.2g}, got {got:.4g} — the kept elements must be x + noise, unscaled: "
                "masking noise is not dropout, so do not divide by (1 - drop_prob); the noise must have mean 0 and be drawn "
                "with x.shape, one independent value per element (not one row of noise shared by the batch)")
    want, tol = std, 6 * std / math.sqrt(2 * kept) + 1e-5
    if abs(got - want) <= tol:
        return None
    return (f"{key}: expected {want:g} ± {tol:.2g}, got {got:.4g} — add noise_std * torch.randn(...) "
            "(standard deviation noise_std, not variance noise_std), and do not rescale the kept elements")


TIPS = {
    "corrupt: returns a tensor": "return the corrupted tensor x_tilde",
    "corrupt: output shape": "x_tilde has the shape of x: draw the noise and the mask with x.shape",
    "corrupt: output dtype": "x_tilde has the dtype of x: draw the noise with dtype=x.dtype",
    "corrupt: output device type": "x_tilde lives on x's device: draw with device=x.device",
    "corrupt: x is left unchanged": ("corrupt() modified x in place (add_, mul_, masked_fill_, x[...] = ...): the clean x "
                                     "is still needed as the target, so build a new tensor: (x + noise) * keep"),
    "corrupt: same generator seed gives the same output": (
        "draw every random number from the generator argument (torch.randn(..., generator=generator), "
        "torch.rand(..., generator=generator)); the global RNG (torch.randn without generator=, "
        "torch.bernoulli without it, F.dropout) makes the corruption depend on whatever ran before"),
    "corrupt: a second call with the same generator gives a new corruption": (
        "two calls with the same generator returned the same x_tilde: every call must draw fresh numbers from the "
        "generator it is given (torch.randn(..., generator=generator) advances its state); re-creating or re-seeding "
        "a generator (or the global RNG) from generator.initial_seed() repeats the same corruption every step, so the "
        "network only ever sees one noisy version of each input"),
    "model forward passes": "call the model exactly once per train_step, on x_tilde",
    "model in train mode during the forward": ("call model.train() at the start of train_step: the model was left in "
                                               "eval mode, so its dropout layer did nothing"),
    "x is left unchanged": "train_step must not modify x in place: it is the clean target",
    "the model's input is corrupt(x, noise_std, drop_prob, generator)": (
        "feed the model x_tilde = corrupt(x, noise_std, drop_prob, generator), using your corrupt() and the generator "
        "you were given, not the clean x and not a corruption of your own"),
    "optimizer.step() calls": "call optimizer.step() exactly once, after loss.backward()",
    "returned type": "return the loss as a Python float with loss.item(): a tensor keeps the whole graph alive",
}


def _grad_tip(diag):
    return {
        "no step": "optimizer.step() never ran",
        "none": ("a parameter had no gradient when optimizer.step() ran: call loss.backward() before "
                 "optimizer.step() (zero_grad, backward, step)"),
        "noisy": ("this is the gradient of the loss against x_tilde: the target must be the clean x, "
                  "F.mse_loss(model(x_tilde), x); against x_tilde the identity map is already perfect"),
        "stale": ("it is this step's gradient plus the previous step's: backward() adds into .grad, so call "
                  "optimizer.zero_grad() before loss.backward() in every step"),
        "zero": "the gradient is zero: call optimizer.zero_grad() before loss.backward(), not between backward and step",
    }.get(diag, "it should be the gradient of F.mse_loss(model(x_tilde), x) for this step alone")


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        if key.startswith("diag:"):
            continue
        got = actual.get(key)
        if key.startswith("corrupt: ") and ("fraction" in key or " over kept" in key):
            problem = _stat_problem(key, inputs, got)
            if problem and "mean" in key and actual.get("diag: mean ratio x_tilde / x") is not None:
                ratio, p = actual["diag: mean ratio x_tilde / x"], inputs["drop_prob"]
                if p > 0 and math.isclose(ratio, 1 / (1 - p), rel_tol=0.02):
                    problem += f" (your kept elements are about 1/(1 - drop_prob) = {1 / (1 - p):.3g} times x)"
            if problem:
                return problem
            continue
        problem = compare_value(key, value, got, None, None)
        if not problem:
            continue
        short = key.split(": ", 1)[1] if key.startswith("step ") else key
        if short.startswith("returned loss"):
            step = key.split(":")[0]
            if actual.get(f"diag: {step}: loss against x_tilde"):
                return problem + (" — this is the loss against x_tilde: the target must be the clean x, "
                                  "F.mse_loss(model(x_tilde), x)")
            return problem + " — return loss.item() of F.mse_loss(model(x_tilde), x), computed before the update"
        if short.startswith("gradient at optimizer.step()"):
            step = key.split(":")[0]
            return problem + " — " + _grad_tip(actual.get(f"diag: {step}: gradient"))
        if short.startswith("parameters after"):
            return problem + " — the gradient was right but the update is not: leave the update to one optimizer.step()"
        if short == "corrupt: same generator seed gives the same output" or key == "corrupt: same generator seed gives the same output":
            tip = TIPS[key]
            if actual.get("diag: generator used") is False:
                tip = "the generator was never used: " + tip
            return problem + " — " + tip
        tip = TIPS.get(short)
        return problem + (" — " + tip if tip else "")
    return None
