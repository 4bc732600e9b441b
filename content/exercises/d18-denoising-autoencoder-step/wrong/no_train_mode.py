# expect: call model.train() at the start of train_step
# Trusts the caller's mode: after an evaluation the model is in eval mode and dropout is off.
import torch
import torch.nn.functional as F


def corrupt(x, noise_std, drop_prob, generator):
    noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= drop_prob
    return (x + noise_std * noise) * keep


def train_step(model, optimizer, x, noise_std, drop_prob, generator):
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
