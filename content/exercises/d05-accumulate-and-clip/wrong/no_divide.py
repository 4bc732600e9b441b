# expect: divide each micro-batch's loss by the number of micro-batches
# Accumulates the sum of the micro-batch gradients instead of their mean: k times too large
# (the reported loss is averaged, so only the gradient gives it away).
import torch
import torch.nn.functional as F


def train_step(model, optimizer, micro_batches, max_norm):
    optimizer.zero_grad()
    total = 0.0
    for x, y in micro_batches:
        loss = F.mse_loss(model(x), y)
        loss.backward()
        total += loss.item()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return total / len(micro_batches)
