# expect: torch.var` uses correction=1 by default
# R² as 1 - MSE / var(target), but torch.var divides by T - 1 (and the constant case is handled).
import torch


def regression_metrics(pred, target):
    err = pred - target
    mse = err.pow(2).mean(dim=-1)
    var = target.var(dim=-1)
    r2 = torch.where(var > 0, 1 - mse / torch.where(var > 0, var, 1), (mse == 0).to(pred.dtype))
    return {"mae": err.abs().mean(dim=-1), "mse": mse, "rmse": mse.sqrt(), "r2": r2}
