# expect: draw every random number from the generator argument
# Ignores the generator and draws from the global RNG: the corruption cannot be reproduced.
import torch
import torch.nn.functional as F


def corrupt(x, noise_std, drop_prob, generator):
    noise = torch.randn_like(x)
    keep = torch.rand_like(x) >= drop_prob
    return (x + noise_std * noise) * keep


def train_step(model, optimizer, x, noise_std, drop_prob, generator):
    model.train()
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()

