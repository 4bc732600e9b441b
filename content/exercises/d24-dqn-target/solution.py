import torch
import torch.nn.functional as F


def dqn_loss(online, target, batch, gamma, double=False):
    states, actions = batch["states"], batch["actions"]
    rewards, next_states, dones = batch["rewards"], batch["next_states"], batch["dones"]
    q = online(states).gather(1, actions[:, None]).squeeze(1)  # Q(s_i, a_i), (B,)
    with torch.no_grad():  # the target is a constant for this step
        next_target = target(next_states)  # (B, A)
        if double:
            best = online(next_states).argmax(dim=1)  # the online net chooses...
            next_q = next_target.gather(1, best[:, None]).squeeze(1)  # ...the target net evaluates
        else:
            next_q = next_target.max(dim=1).values
        y = rewards + gamma * (1.0 - dones.to(rewards.dtype)) * next_q
    return F.smooth_l1_loss(q, y)
