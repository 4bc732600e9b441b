# expect: retain_graph=True is not the fix
# Follows the first error message's advice (retain_graph=True) instead of detaching h.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        optimizer.zero_grad()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward(retain_graph=True)
        optimizer.step()
        losses.append(loss.item())
    return losses
