# expect: call optimizer.zero_grad() before loss.backward() in every step
# Never clears .grad, so the second step also applies the first step's gradient.
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
    loss.backward()
    optimizer.step()
    return loss.item()
