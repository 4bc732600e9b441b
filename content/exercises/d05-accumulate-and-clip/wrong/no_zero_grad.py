# expect: Call optimizer.zero_grad() at the start of every step
# Never clears .grad, so the second step also applies the first step's gradient.
import torch
import torch.nn.functional as F


def train_step(model, optimizer, micro_batches, max_norm):
    k = len(micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = F.mse_loss(model(x), y) / k
        loss.backward()
        total += loss.item()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return total
