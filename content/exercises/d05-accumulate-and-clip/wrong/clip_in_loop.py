# expect: clip once, after the last micro-batch's backward()
# Clips after every micro-batch, while the gradient is still incomplete: the sum of clipped
# pieces can exceed max_norm, and it is not the clipped large-batch gradient.
import torch
import torch.nn.functional as F


def train_step(model, optimizer, micro_batches, max_norm):
    k = len(micro_batches)
    optimizer.zero_grad()
    total = 0.0
    for x, y in micro_batches:
        loss = F.mse_loss(model(x), y) / k
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        total += loss.item()
    optimizer.step()
    return total
