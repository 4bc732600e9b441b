# expect: walk or flip along dim 0
# Reverses the rollout with flip(-1): the time axis for one env, but the env axis for (T, N).
import torch


def _boot(last_value, like):
    return torch.zeros_like(like[0]) + torch.as_tensor(last_value, dtype=like.dtype, device=like.device).detach()


def _backwards(x, not_done, gamma, start):
    out = []
    g = start
    for x_t, nd_t in zip(x.flip(-1), not_done.flip(-1)):
        g = x_t + gamma * nd_t * g
        out.append(g)
    return torch.stack(out).flip(-1)


def discounted_returns(rewards, dones, gamma, last_value=0.0):
    not_done = 1.0 - dones.to(rewards.dtype)
    return _backwards(rewards, not_done, gamma, _boot(last_value, rewards))


def gae(rewards, values, dones, last_value, gamma, lam):
    values = values.detach()
    not_done = 1.0 - dones.to(rewards.dtype)
    next_values = torch.cat([values[1:], _boot(last_value, rewards)[None]])
    deltas = rewards + gamma * not_done * next_values - values
    adv = _backwards(deltas, not_done, gamma * lam, torch.zeros_like(rewards[0]))
    return adv, adv + values
