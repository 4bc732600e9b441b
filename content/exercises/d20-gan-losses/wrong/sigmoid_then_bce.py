# expect: F.binary_cross_entropy_with_logits
# Applies sigmoid and then BCELoss: fine for moderate logits, clamped and without gradient once the sigmoid saturates.
import torch
import torch.nn.functional as F


def discriminator_loss(D, real, fake):
    r, f = torch.sigmoid(D(real)), torch.sigmoid(D(fake.detach()))
    bce = torch.nn.BCELoss()
    return bce(r, torch.ones_like(r)) + bce(f, torch.zeros_like(f))


def generator_loss(D, fake):
    f = torch.sigmoid(D(fake))
    return torch.nn.BCELoss()(f, torch.ones_like(f))


def train_step(G, D, opt_g, opt_d, real, z):
    d_loss = discriminator_loss(D, real, G(z))
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()
    g_loss = generator_loss(D, G(z))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    return d_loss.item(), g_loss.item()
