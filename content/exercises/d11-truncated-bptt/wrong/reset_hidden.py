# expect: carry the previous chunk's final hidden state into the next chunk
# Avoids the graph error by starting every chunk from a zero state: the context is thrown away.
import torch.nn.functional as F


def train_tbptt(model, optimizer, x, y, k):
    losses = []
    for s in range(0, x.shape[0], k):
        optimizer.zero_grad()
        pred, _ = model(x[s:s + k])
        loss = F.mse_loss(pred, y[s:s + k])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
