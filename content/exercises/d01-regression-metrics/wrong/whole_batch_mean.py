# expect: expected shape (4,), got ()
# Averages over the whole batch: one number for all series instead of one per series.
import torch


def regression_metrics(pred, target):
    err = pred - target
    mse = err.pow(2).mean()
    ss_tot = (target - target.mean()).pow(2).sum()
    r2 = 1 - err.pow(2).sum() / ss_tot
    return {"mae": err.abs().mean(), "mse": mse, "rmse": mse.sqrt(), "r2": r2}
