# expect: call optimizer.step() exactly once per train_step
# Steps after every micro-batch: that is k small-batch updates, not one large-batch update.
import torch
import torch.nn.functional as F


def train_step(model, optimizer, micro_batches, max_norm):
    k = len(micro_batches)
    total = 0.0
    for x, y in micro_batches:
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y) / k
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()
        total += loss.item()
    return total
