# expect: add the noise first, then apply the mask
# Masks first and adds noise to every element afterwards: the dropped inputs are not 0.
import torch
import torch.nn.functional as F


def corrupt(x, noise_std, drop_prob, generator):
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= drop_prob
    noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    return x * keep + noise_std * noise


def train_step(model, optimizer, x, noise_std, drop_prob, generator):
    model.train()
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()

