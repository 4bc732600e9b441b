from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn

LR = 0.1


def build_model(state, device):
    """Linear -> BatchNorm1d -> ReLU -> Linear(h, 1) with the sizes and dtype of `state`, loaded from it."""
    h, d_in = state["hidden.weight"].shape
    model = nn.Sequential(OrderedDict(hidden=nn.Linear(d_in, h), norm=nn.BatchNorm1d(h), act=nn.ReLU(),
                                      out=nn.Linear(h, 1)))
    model.to(device=device, dtype=state["hidden.weight"].dtype)
    model.load_state_dict(state)
    return model


def train_one_epoch(model, x, y):
    """One SGD step, updating the parameters in place (as optimizer.step() does); BatchNorm's
    running statistics change in place too."""
    model.train()
    params = list(model.parameters())
    grads = torch.autograd.grad(F.mse_loss(model(x), y), params)
    with torch.no_grad():
        for p, g in zip(params, grads):
            p.sub_(LR * g)
    model.eval()


def _float(value):
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        return value.item()
    try:
        return float(value)
    except (TypeError, ValueError):
        return repr(value)[:80]


def run(solution, inputs, device):
    model = build_model(inputs["state"], device)
    x, y = inputs["x"].to(device), inputs["y"].to(device)
    stopper = solution.EarlyStopping(inputs["patience"], inputs["min_delta"])
    returned, best = [], []
    for epoch, val_loss in enumerate(inputs["val_losses"].tolist()):
        train_one_epoch(model, x[epoch], y[epoch])
        stop = stopper.step(val_loss, model)
        returned.append(bool(stop))
        best.append(_float(stopper.best_loss))
        if stop:
            break
    live = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    stopper.restore(model)
    out = {"step() results": returned, "best_loss after each step()": best}
    out.update({f"restored {k}": v.detach().cpu().clone() for k, v in model.state_dict().items()})
    out.update({f"live {k}": v for k, v in live.items()})  # only for the hints, not compared
    return out
