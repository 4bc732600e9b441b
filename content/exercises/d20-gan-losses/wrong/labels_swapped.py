# expect: the labels are swapped
# Labels the real samples 0 and the fakes 1 in the discriminator loss.
import torch
import torch.nn.functional as F


def discriminator_loss(D, real, fake):
    r, f = D(real), D(fake.detach())
    return (F.binary_cross_entropy_with_logits(r, torch.zeros_like(r))
            + F.binary_cross_entropy_with_logits(f, torch.ones_like(f)))


def generator_loss(D, fake):
    f = D(fake)
    return F.binary_cross_entropy_with_logits(f, torch.ones_like(f))


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
