# expect: Call optimizer.zero_grad() for every chunk
# Never clears .grad: from the second chunk on, each step also applies all earlier gradients.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses, h = [], None
    for s in range(0, x.shape[0], k):
        if h is not None:
            h = h.detach()
        pred, h = model(x[s:s + k], h)
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
