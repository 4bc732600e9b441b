# expect: clipping the rewards to [-1, 1]
# Clips the rewards to [-1, 1] inside the loss, as if it were the Atari reward clipping.
import torch
import torch.nn.functional as F

def dqn_loss(online, target, batch, gamma, double=False):
    q = online(batch["states"]).gather(1, batch["actions"][:, None]).squeeze(1)
    with torch.no_grad():
        nt = target(batch["next_states"])
        nq = nt.gather(1, online(batch["next_states"]).argmax(1, keepdim=True)).squeeze(1) if double else nt.max(1).values
        y = batch["rewards"].clamp(-1, 1) + gamma * (1.0 - batch["dones"].to(batch["rewards"].dtype)) * nq
    return F.smooth_l1_loss(q, y)
