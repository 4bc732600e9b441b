# expect: call values.detach()
# Uses the critic's values as they come, graph and all.
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
    not_done = 1.0 - dones.to(rewards.dtype)
    next_values = torch.cat([values[1:], _boot(last_value, rewards)[None]])
    deltas = rewards + gamma * not_done * next_values - values
    adv = []
    run = torch.zeros_like(rewards[0])
    for t in reversed(range(rewards.shape[0])):
        run = deltas[t] + gamma * lam * not_done[t] * run
        adv.append(run)
    adv = torch.stack(adv[::-1])
    return adv, adv + values
