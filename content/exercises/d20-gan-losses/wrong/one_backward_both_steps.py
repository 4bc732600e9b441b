# expect: one backward of both losses
# Backpropagates d_loss + g_loss once and steps both optimizers.
import torch
import torch.nn.functional as F


def discriminator_loss(D, real, fake):
    r, f = D(real), D(fake.detach())
    return (F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
            + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f)))


def generator_loss(D, fake):
    f = D(fake)
    return F.binary_cross_entropy_with_logits(f, torch.ones_like(f))


def train_step(G, D, opt_g, opt_d, real, z):
    fake = G(z)
    d_loss = discriminator_loss(D, real, fake)
    g_loss = generator_loss(D, fake)
    opt_d.zero_grad()
    opt_g.zero_grad()
    (d_loss + g_loss).backward()
    opt_d.step()
    opt_g.step()
    return d_loss.item(), g_loss.item()
