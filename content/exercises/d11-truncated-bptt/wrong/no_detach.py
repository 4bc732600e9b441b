# expect: detach the hidden state at every chunk edge
# Carries h across chunks without detaching it: the second backward() reaches the freed graph.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        optimizer.zero_grad()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
