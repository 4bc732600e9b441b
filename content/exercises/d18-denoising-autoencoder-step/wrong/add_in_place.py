# expect: corrupt() modified x in place
# Adds the noise with add_ and masks with mul_, destroying the clean target.
import torch
import torch.nn.functional as F


def corrupt(x, noise_std, drop_prob, generator):
    noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= drop_prob
    return x.add_(noise_std * noise).mul_(keep)


def train_step(model, optimizer, x, noise_std, drop_prob, generator):
    model.train()
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()

