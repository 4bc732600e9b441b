# expect: found no gradient at all
# Clears the gradients after backward() instead of before it: step() then sees .grad = None and does nothing.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        if h is not None:
            h = h.detach()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses
