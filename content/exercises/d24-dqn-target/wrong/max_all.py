# expect: one max over the whole tensor
# Calls .max() with no dim: one number for the whole batch.
import torch
import torch.nn.functional as F


def dqn_loss(online, target, batch, gamma, double=False):
    s, a, r = batch["states"], batch["actions"], batch["rewards"]
    s2, d = batch["next_states"], batch["dones"]
    q = online(s).gather(1, a[:, None]).squeeze(1)
    with torch.no_grad():
        nxt = target(s2).max()
        y = r + gamma * (1.0 - d.to(r.dtype)) * nxt
    return F.smooth_l1_loss(q, y)
