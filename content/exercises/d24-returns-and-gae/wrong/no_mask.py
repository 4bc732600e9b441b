# expect: future rewards leak across a done
# Forgets the episode ends altogether: the return runs on into the next episode.
import torch


def _boot(last_value, like):
    return torch.zeros_like(like[0]) + torch.as_tensor(last_value, dtype=like.dtype, device=like.device).detach()


def discounted_returns(rewards, dones, gamma, last_value=0.0):
    out = torch.zeros_like(rewards)
    g = _boot(last_value, rewards)
    for t in reversed(range(rewards.shape[0])):
        g = rewards[t] + gamma * g
        out[t] = g
    return out


def gae(rewards, values, dones, last_value, gamma, lam):
    values = values.detach()
    adv = torch.zeros_like(rewards)
    next_v, run = _boot(last_value, rewards), torch.zeros_like(rewards[0])
    for t in reversed(range(rewards.shape[0])):
        delta = rewards[t] + gamma * next_v - values[t]
        run = delta + gamma * lam * run
        adv[t] = run
        next_v = values[t]
    return adv, adv + values
