import math

import torch

from quizzer.practice.compare import compare_value


def _case(steps, k, b, d_in, h, d_out, max_norm, momentum=0.0, dtype=torch.float32, transposed=False, device="cpu"):
    def rand(*shape):
        return torch.randn(*shape, dtype=dtype, device=device)

    state = {"hidden.weight": rand(h, d_in) / math.sqrt(d_in), "hidden.bias": 0.1 * rand(h),
             "out.weight": rand(d_out, h) / math.sqrt(h), "out.bias": 0.1 * rand(d_out)}
    x = rand(steps, k, d_in, b).transpose(-1, -2) if transposed else rand(steps, k, b, d_in)
    y = 1.0 + 2.0 * rand(steps, k, b, d_out)
    return {"x": x, "y": y, "state": state, "lr": 0.1, "momentum": momentum, "max_norm": max_norm}


def cases(device):
    return [
        ("3 micro-batches of 4, clipping inactive (max_norm=100)", _case(2, 3, 4, 5, 8, 3, 100.0, device=device)),
        ("4 micro-batches of 2, clipping active (max_norm=0.5)", _case(2, 4, 2, 5, 8, 3, 0.5, device=device)),
        ("a single micro-batch (k=1), clipping active", _case(2, 1, 6, 4, 6, 2, 0.3, device=device)),
        ("micro-batches of one sample, float64, momentum 0.9",
         _case(2, 5, 1, 3, 4, 2, 100.0, momentum=0.9, dtype=torch.float64, device=device)),
        ("non-contiguous x, d_out=1, clipping active", _case(2, 3, 3, 6, 5, 1, 0.2, transposed=True, device=device)),
    ]


# sums over micro-batches in a different order are fine
RTOL, ATOL = 1e-5, 1e-6


def _step_keys(expected, step, part):
    return [key for key in expected if key.startswith(f"{step}:") and key.endswith(part)]


def _gradient_hint(key, inputs, expected, actual):
    step = key.split(":")[0]
    keys = _step_keys(expected, step, ".grad at optimizer.step()")
    got = [actual.get(kk) for kk in keys]
    if any(not isinstance(g, torch.Tensor) for g in got):
        return " (a parameter had no gradient when optimizer.step() ran: call backward() for each micro-batch first)"
    want = [expected[kk] for kk in keys]
    k, max_norm = inputs["x"].shape[1], inputs["max_norm"]
    norm = float(torch.cat([g.double().reshape(-1) for g in got]).norm())
    if norm > max_norm * (1 + 1e-4):
        return (f" — the gradient optimizer.step() applied has total norm {norm:.4g}, above max_norm={max_norm:g}: "
                "clip once, after the last micro-batch's backward() and right before optimizer.step(), "
                "with torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)")
    if k > 1 and all(torch.allclose(g.double(), k * w.double(), rtol=1e-4, atol=1e-7) for g, w in zip(got, want)):
        return (f" — it is {k}× the large-batch gradient: divide each micro-batch's loss by the number of "
                f"micro-batches ({k}) before backward(), so the sum in .grad is the gradient of the mean loss")
    if step != "step 1":
        return (" — step 1 was right, but this step's gradient is not: the previous step's gradients are "
                "still in .grad. Call optimizer.zero_grad() at the start of every step")
    flat_want = torch.cat([w.double().reshape(-1) for w in want])
    if math.isclose(float(flat_want.norm()), max_norm, rel_tol=1e-4):
        flat_got = torch.cat([g.double().reshape(-1) for g in got])
        cosine = float(torch.nn.functional.cosine_similarity(flat_got, flat_want, dim=0))
        return (f" — clipping is active here, so it must point along the large-batch gradient (yours: cosine {cosine:.3f}): "
                "clip once, after the last micro-batch's backward() and right before optimizer.step(), "
                "not piece by piece")
    return " (it should be the gradient of the mean loss over all micro-batches, clipped to total norm max_norm)"


def _hint(key, inputs, expected, actual):
    if key.endswith("optimizer.step() calls"):
        return " — call optimizer.step() exactly once per train_step: after the loop over micro-batches and after clipping"
    if key.endswith("backward() passes"):
        return (" — call loss.backward() once per micro-batch, inside the loop: each backward() frees that "
                "micro-batch's graph, which is what keeps memory at the size of one micro-batch")
    if key.endswith("returned loss"):
        k, exp, got = inputs["x"].shape[1], expected[key], actual.get(key)
        if isinstance(got, torch.Tensor) and got.numel() == 1:
            got = got.item()
        if k > 1 and isinstance(got, (int, float)) and math.isclose(got, k * exp, rel_tol=1e-4):
            return f" — that is the sum of the {k} micro-batch losses; return their mean, the loss of the large batch"
        return " (return the mean of the micro-batch losses, computed before the update, as a float: use .item())"
    if key.endswith(".grad at optimizer.step()"):
        return _gradient_hint(key, inputs, expected, actual)
    return " — the gradient was right but the update is not: leave the update to one optimizer.step() call"


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            return problem + _hint(key, inputs, expected, actual)
    return None
