import torch


def _call(fn, *args):
    """The value, or what the call raised (so that the checks can explain it); NotImplementedError passes."""
    try:
        return fn(*args)
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001
        return f"raised {type(exc).__name__}: {exc}"


def _types(values):
    return sorted({"float" if type(v) is float else type(v).__module__ + "." + type(v).__name__ for v in values})


def run(solution, inputs, device):
    out = {}
    warm, beta_w, steps_w = inputs["warmup_steps"], inputs["warmup_beta_max"], inputs["warmup_at"]
    values = [_call(solution.linear_warmup, s, warm, beta_w) for s in steps_w]
    out["linear_warmup types"] = _types(values)
    out["linear_warmup"] = values
    total, n, ratio, beta_c = inputs["total_steps"], inputs["n_cycles"], inputs["ratio"], inputs["cyc_beta_max"]
    values = [_call(solution.cyclical_beta, s, total, n, ratio, beta_c) for s in range(total)]
    out["cyclical_beta types"] = _types(values)
    out["cyclical_beta"] = values

    kl0, fb = inputs["kl"].to(device), inputs["free_bits"]
    kl = kl0.clone()
    solution.free_bits_kl(kl, fb)
    out["free_bits_kl leaves its input unchanged"] = bool(torch.equal(kl, kl0))
    kl = kl0.clone().requires_grad_(True)  # clone keeps the strides of a non-contiguous input
    loss = solution.free_bits_kl(kl, fb)
    out["free_bits_kl"] = loss
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return out
    loss.backward()
    out["free_bits_kl grad:kl_per_dim"] = kl.grad
    return out
