import torch


def regression_metrics(pred: torch.Tensor, target: torch.Tensor) -> dict[str, torch.Tensor]:
    err = pred - target
    mse = err.pow(2).mean(dim=-1)
    ss_res = err.pow(2).sum(dim=-1)
    ss_tot = (target - target.mean(dim=-1, keepdim=True)).pow(2).sum(dim=-1)
    r2 = torch.where(ss_tot > 0, 1 - ss_res / torch.where(ss_tot > 0, ss_tot, 1), (ss_res == 0).to(pred.dtype))
    return {"mae": err.abs().mean(dim=-1), "mse": mse, "rmse": mse.sqrt(), "r2": r2}
