# expect: a constant target series has SS_tot = 0
# The textbook formula with no guard: a constant target gives 0/0 = NaN or x/0 = -inf.
import torch


def regression_metrics(pred, target):
    err = pred - target
    mse = err.pow(2).mean(dim=-1)
    ss_tot = (target - target.mean(dim=-1, keepdim=True)).pow(2).sum(dim=-1)
    r2 = 1 - err.pow(2).sum(dim=-1) / ss_tot
    return {"mae": err.abs().mean(dim=-1), "mse": mse, "rmse": mse.sqrt(), "r2": r2}
