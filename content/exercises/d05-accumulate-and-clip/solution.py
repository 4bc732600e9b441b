import torch
import torch.nn.functional as F
from torch import nn


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer,
               micro_batches: list[tuple[torch.Tensor, torch.Tensor]], max_norm: float) -> float:
    k = len(micro_batches)
    optimizer.zero_grad()
    total = 0.0
    for x, y in micro_batches:
        loss = F.mse_loss(model(x), y) / k  # the large-batch loss is the mean of the k losses
        loss.backward()  # adds this micro-batch's share into .grad, then frees its graph
        total += loss.item()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)  # on the complete gradient
    optimizer.step()
    return total
