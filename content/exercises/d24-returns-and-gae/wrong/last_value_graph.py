# expect: and detach last_value
# Detaches values but not last_value, so gradient still flows into the critic through V(s_T).
import torch


def _bootstrap(last_value, like: torch.Tensor) -> torch.Tensor:
    """last_value (float, 0-d or (N,)) as a tensor of one time step's shape, with no graph."""
    lv = torch.as_tensor(last_value, dtype=like.dtype, device=like.device)
    return torch.zeros_like(like[0]) + lv


def discounted_returns(rewards, dones, gamma, last_value=0.0):
    not_done = 1.0 - dones.to(rewards.dtype)  # bool or float dones
    out = torch.zeros_like(rewards)
    g = _bootstrap(last_value, rewards)
    for t in reversed(range(rewards.shape[0])):
        g = rewards[t] + gamma * not_done[t] * g  # a terminal step cuts the future off
        out[t] = g
    return out


def gae(rewards, values, dones, last_value, gamma, lam):
    values = values.detach()  # targets carry no gradient into the critic
    not_done = 1.0 - dones.to(rewards.dtype)
    adv = torch.zeros_like(rewards)
    next_value = _bootstrap(last_value, rewards)
    running = torch.zeros_like(rewards[0])  # A_T = 0
    for t in reversed(range(rewards.shape[0])):
        delta = rewards[t] + gamma * not_done[t] * next_value - values[t]
        running = delta + gamma * lam * not_done[t] * running
        adv[t] = running
        next_value = values[t]
    return adv, adv + values
