# expect: train on the last, shorter chunk too
# Makes L // k chunks: the remaining L % k steps at the end are never trained on.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for i in range(x.shape[0] // k):
        s = i * k
        if h is not None:
            h = h.detach()
        optimizer.zero_grad()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
