# expect: call loss.backward() once per micro-batch, inside the loop
# Sums the micro-batch losses into one graph and calls backward once: the right gradient, but
# every micro-batch's activations stay in memory until the end, as with the large batch.
import torch
import torch.nn.functional as F


def train_step(model, optimizer, micro_batches, max_norm):
    optimizer.zero_grad()
    loss = sum(F.mse_loss(model(x), y) for x, y in micro_batches) / len(micro_batches)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()
