# expect: reduction='mean', no extra scaling
# Sums the squared errors of the chunk: every gradient is T * N * d_out times too large.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        if h is not None:
            h = h.detach()
        optimizer.zero_grad()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k], reduction="sum")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
