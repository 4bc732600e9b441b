# expect: call loss.backward() before optimizer.step()
# Steps with the gradients of nothing (or of the previous step), then computes new ones.
import torch
import torch.nn.functional as F


def corrupt(x, noise_std, drop_prob, generator):
    noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= drop_prob
    return (x + noise_std * noise) * keep


def train_step(model, optimizer, x, noise_std, drop_prob, generator):
    model.train()
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)
    optimizer.zero_grad()
    optimizer.step()
    loss.backward()
    return loss.item()
