# expect: although the last step is terminal
# Adds the bootstrap value to the last reward unconditionally, then masks only inside the rollout.
import torch


def _boot(last_value, like):
    return torch.zeros_like(like[0]) + torch.as_tensor(last_value, dtype=like.dtype, device=like.device).detach()


def discounted_returns(rewards, dones, gamma, last_value=0.0):
    not_done = 1.0 - dones.to(rewards.dtype)
    out = torch.zeros_like(rewards)
    T = rewards.shape[0]
    g = torch.zeros_like(rewards[0])
    for t in reversed(range(T)):
        if t == T - 1:
            g = rewards[t] + gamma * _boot(last_value, rewards)
        else:
            g = rewards[t] + gamma * not_done[t] * g
        out[t] = g
    return out


def gae(rewards, values, dones, last_value, gamma, lam):
    values = values.detach()
    not_done = 1.0 - dones.to(rewards.dtype)
    T = rewards.shape[0]
    next_values = torch.cat([values[1:], _boot(last_value, rewards)[None]])
    masks = not_done.clone()
    masks[-1] = 1.0  # "the rollout was cut, so always bootstrap"
    deltas = rewards + gamma * masks * next_values - values
    adv = torch.zeros_like(rewards)
    run = torch.zeros_like(rewards[0])
    for t in reversed(range(T)):
        run = deltas[t] + gamma * lam * not_done[t] * run
        adv[t] = run
    return adv, adv + values
