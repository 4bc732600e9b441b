# expect: one optimizer.step() per chunk
# Detaches and backpropagates per chunk but updates only once, at the end of the sequence.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    optimizer.zero_grad()
    for s in range(0, x.shape[0], k):
        if h is not None:
            h = h.detach()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        losses.append(loss.item())
    optimizer.step()
    return losses
