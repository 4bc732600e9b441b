import torch
import torch.nn.functional as F
from torch import nn


def corrupt(x: torch.Tensor, noise_std: float, drop_prob: float, generator: torch.Generator) -> torch.Tensor:
    noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= drop_prob
    return (x + noise_std * noise) * keep  # a new tensor; dropped elements are exactly 0, no rescaling


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, noise_std: float,
               drop_prob: float, generator: torch.Generator) -> float:
    model.train()
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)  # the target is the clean input
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
