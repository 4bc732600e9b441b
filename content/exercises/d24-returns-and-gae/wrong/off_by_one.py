# expect: instead of done_t (off by one)
# Reads done_{t+1} as "the next state is terminal" and masks with it: one step late.
import torch


def _boot(last_value, like):
    return torch.zeros_like(like[0]) + torch.as_tensor(last_value, dtype=like.dtype, device=like.device).detach()


def discounted_returns(rewards, dones, gamma, last_value=0.0):
    not_done = 1.0 - dones.to(rewards.dtype)
    out = torch.zeros_like(rewards)
    g = _boot(last_value, rewards)
    T = rewards.shape[0]
    for t in reversed(range(T)):
        mask = not_done[t + 1] if t + 1 < T else 1.0
        g = rewards[t] + gamma * mask * g
        out[t] = g
    return out


def gae(rewards, values, dones, last_value, gamma, lam):
    values = values.detach()
    not_done = 1.0 - dones.to(rewards.dtype)
    adv = torch.zeros_like(rewards)
    next_v, run = _boot(last_value, rewards), torch.zeros_like(rewards[0])
    T = rewards.shape[0]
    for t in reversed(range(T)):
        mask = not_done[t + 1] if t + 1 < T else 1.0
        delta = rewards[t] + gamma * mask * next_v - values[t]
        run = delta + gamma * lam * mask * run
        adv[t] = run
        next_v = values[t]
    return adv, adv + values
