# expect: a second call with the same generator gives a new corruption
# Re-seeds the global RNG from generator.initial_seed(): reproducible whatever ran before, but
# the same noise and mask come back on every call.
import torch
import torch.nn.functional as F

def corrupt(x, noise_std, drop_prob, generator):
    torch.manual_seed(generator.initial_seed())
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
