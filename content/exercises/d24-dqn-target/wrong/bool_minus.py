# expect: with a bool tensor is not supported
# Subtracts a bool tensor from 1, which torch refuses.
import torch
import torch.nn.functional as F


def dqn_loss(online, target, batch, gamma, double=False):
    s, a, r = batch["states"], batch["actions"], batch["rewards"]
    s2, d = batch["next_states"], batch["dones"]
    q = online(s).gather(1, a[:, None]).squeeze(1)
    with torch.no_grad():
        if double:
            nxt = target(s2).gather(1, online(s2).argmax(dim=1, keepdim=True)).squeeze(1)
        else:
            nxt = target(s2).max(dim=1).values
        y = r + gamma * (1 - d) * nxt
    return F.smooth_l1_loss(q, y)
