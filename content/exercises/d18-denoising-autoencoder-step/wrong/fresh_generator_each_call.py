# expect: a second call with the same generator gives a new corruption
# Re-creates a generator from generator.initial_seed() on every call: reproducible, but every step
# (and every epoch) sees exactly the same corruption.
import torch
import torch.nn.functional as F

def corrupt(x, noise_std, drop_prob, generator):
    g = torch.Generator(device=x.device).manual_seed(generator.initial_seed())
    noise = torch.randn(x.shape, generator=g, device=x.device, dtype=x.dtype)
    keep = torch.rand(x.shape, generator=g, device=x.device) >= drop_prob
    return (x + noise_std * noise) * keep

def train_step(model, optimizer, x, noise_std, drop_prob, generator):
    model.train()
    x_tilde = corrupt(x, noise_std, drop_prob, generator)
    loss = F.mse_loss(model(x_tilde), x)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
