import torch
import torch.nn.functional as F
from torch import nn


def discriminator_loss(D: nn.Module, real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    real_logits = D(real)
    fake_logits = D(fake.detach())  # the generator gets no gradient from the discriminator's loss
    loss_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    loss_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return loss_real + loss_fake


def generator_loss(D: nn.Module, fake: torch.Tensor) -> torch.Tensor:
    fake_logits = D(fake)  # no detach: the gradient must reach the generator through fake
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))  # -log sigmoid(D(G(z)))


def train_step(G: nn.Module, D: nn.Module, opt_g: torch.optim.Optimizer, opt_d: torch.optim.Optimizer,
               real: torch.Tensor, z: torch.Tensor) -> tuple[float, float]:
    fake = G(z)
    d_loss = discriminator_loss(D, real, fake)
    opt_d.zero_grad()
    d_loss.backward()  # reaches D only: fake was detached inside
    opt_d.step()
    g_loss = generator_loss(D, fake)  # against the updated D
    opt_g.zero_grad()
    g_loss.backward()  # also fills D's .grad, which the next opt_d.zero_grad() clears; opt_d does not step here
    opt_g.step()
    return d_loss.item(), g_loss.item()
