import torch


def accuracy(p, t):
    return (p == t).float().mean(dim=1)


def mae(p, t):
    return (p - t).abs().mean(dim=1)


def accuracy_gap(p, t):  # p (..., n, 2): the predictions of models A and B on the same samples
    return (p[..., 0] == t).float().mean(dim=-1) - (p[..., 1] == t).float().mean(dim=-1)


def f1(p, t):  # binary F1 of class 1, 0 when the class is never predicted nor present
    tp = ((p == 1) & (t == 1)).sum(dim=1)
    fp = ((p == 1) & (t == 0)).sum(dim=1)
    fn = ((p == 0) & (t == 1)).sum(dim=1)
    return 2 * tp / (2 * tp + fp + fn).clamp(min=1)


def brier(p, t):
    return (p - t).square().mean(dim=1)


METRICS = {"accuracy": accuracy, "mae": mae, "accuracy_gap": accuracy_gap, "f1": f1, "brier": brier}


def _on(x, device, strided=False):
    """x on the device; strided: the same values as a non-contiguous view (every other element of a
    buffer), built here so that it stays a view on every device."""
    x = x if x.device.type == torch.device(device).type else x.to(device)
    return torch.stack([x, x], dim=-1)[..., 0] if strided else x


def _rng_state(device):
    state = [torch.get_rng_state()]
    if torch.device(device).type == "cuda":
        state.append(torch.cuda.get_rng_state())
    return state


def run(solution, inputs, device):
    preds = _on(inputs["preds"], device, inputs.get("strided", False))
    targets = _on(inputs["targets"], device)
    before = (preds.clone(), targets.clone())
    generator = torch.Generator(device=device).manual_seed(inputs["seed"])
    shapes = []

    def metric(p, t):
        shapes.append([list(p.shape), list(t.shape)])
        return METRICS[inputs["metric"]](p, t)

    rng = _rng_state(device)
    ci = solution.bootstrap_ci(metric, preds, targets, inputs["n_resamples"], inputs["alpha"], generator=generator)
    result = {
        "type": type(ci).__name__,
        "metric_calls": shapes[:3] + ([["…", len(shapes)]] if len(shapes) > 3 else []),
        "n_calls": len(shapes),
        "generator_state": generator.get_state(),
        "rng_untouched": all(torch.equal(a, b) for a, b in zip(rng, _rng_state(device))),
        "inputs_unchanged": torch.equal(preds, before[0]) and torch.equal(targets, before[1]),
    }
    if isinstance(ci, torch.Tensor):
        result.update(ci=ci.detach(), device=ci.device.type)
    return result
