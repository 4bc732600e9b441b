from collections import OrderedDict

import torch
from torch import nn


def build_model(state, device):
    """Linear -> Tanh -> Linear with the sizes and dtype of `state`, loaded from it."""
    h, d_in = state["hidden.weight"].shape
    d_out = state["out.weight"].shape[0]
    model = nn.Sequential(OrderedDict(hidden=nn.Linear(d_in, h), act=nn.Tanh(), out=nn.Linear(h, d_out)))
    model.to(device=device, dtype=state["hidden.weight"].dtype)
    model.load_state_dict(state)
    return model


def _number(value):
    if isinstance(value, torch.Tensor):
        return value.detach().cpu()
    if value is None or isinstance(value, (int, float)):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return repr(value)[:80]


def run(solution, inputs, device):
    model = build_model(inputs["state"], device)
    optimizer = torch.optim.SGD(model.parameters(), lr=inputs["lr"], momentum=inputs["momentum"])
    params = dict(model.named_parameters())
    counts = {"step": 0, "backward": 0}
    seen = {}

    def before_step(opt, args, kwargs):  # records the gradient optimizer.step() is about to apply
        counts["step"] += 1
        seen.update({n: None if p.grad is None else p.grad.detach().clone() for n, p in params.items()})

    def on_backward(grad):  # runs once per backward pass that reaches the first layer
        counts["backward"] += 1

    optimizer.register_step_pre_hook(before_step)
    params["hidden.weight"].register_hook(on_backward)

    x, y = inputs["x"].to(device), inputs["y"].to(device)
    steps, k = x.shape[:2]
    out = {}
    for s in range(1, steps + 1):
        counts.update(step=0, backward=0)
        seen.clear()
        micro = [(x[s - 1, j], y[s - 1, j]) for j in range(k)]
        loss = solution.train_step(model, optimizer, micro, inputs["max_norm"])
        out[f"step {s}: optimizer.step() calls"] = counts["step"]
        out[f"step {s}: backward() passes"] = counts["backward"]
        out[f"step {s}: returned loss"] = _number(loss)
        for n in params:
            out[f"step {s}: {n}.grad at optimizer.step()"] = seen.get(n)
        for n, p in params.items():
            out[f"step {s}: {n} after the step"] = p.detach().clone()
    return out
