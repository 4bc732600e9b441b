import torch
import torch.nn.functional as F
from torch import nn


def train_tbptt(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
                k: int) -> list[float]:
    losses = []
    h = None  # the first chunk starts from zeros
    for start in range(0, x.shape[0], k):  # the last chunk may be shorter than k
        if h is not None:
            h = h.detach()  # keep the state, cut the gradient path at the chunk edge
        optimizer.zero_grad()
        pred, h = model(x[start:start + k], h)
        loss = F.mse_loss(pred, y[start:start + k])
        loss.backward()  # back through this chunk's k steps only, then the chunk's graph is freed
        optimizer.step()
        losses.append(loss.item())
    return losses
