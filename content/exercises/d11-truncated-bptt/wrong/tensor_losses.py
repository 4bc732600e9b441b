# expect: return a list of Python floats
# Appends the loss tensors themselves: each one keeps its chunk's graph alive.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        if h is not None:
            h = h.detach()
        optimizer.zero_grad()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.step()
        losses.append(loss)
    return losses
