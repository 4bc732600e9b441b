# expect: lambda belongs in the recursion
# Scales each TD error by lam instead of discounting the recursion by gamma * lam.
import torch


def _boot(last_value, like):
    return torch.zeros_like(like[0]) + torch.as_tensor(last_value, dtype=like.dtype, device=like.device).detach()



def discounted_returns(rewards, dones, gamma, last_value=0.0):
    not_done = 1.0 - dones.to(rewards.dtype)
    out = torch.zeros_like(rewards)
    g = _boot(last_value, rewards)
    for t in reversed(range(rewards.shape[0])):
        g = rewards[t] + gamma * not_done[t] * g
        out[t] = g
    return out


def gae(rewards, values, dones, last_value, gamma, lam):
    values = values.detach()
    not_done = 1.0 - dones.to(rewards.dtype)
    next_values = torch.cat([values[1:], _boot(last_value, rewards)[None]])
    deltas = rewards + gamma * not_done * next_values - values
    adv = torch.zeros_like(rewards)
    run = torch.zeros_like(rewards[0])
    for t in reversed(range(rewards.shape[0])):
        run = lam * deltas[t] + gamma * not_done[t] * run
        adv[t] = run
    return adv, adv + values
