# expect: changed x or y in place
# Centres x in place before training (x -= mean): the caller's sequence is changed.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    x -= x.mean(dim=0, keepdim=True)
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        if h is not None:
            h = h.detach()
        optimizer.zero_grad()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
