"""Day 24 · Discounted returns and generalised advantage estimation (GAE) over a rollout.

An on-policy agent (A2C, PPO) collects a rollout of T steps, then needs, for every step t, a
learning target. Write two functions.

``discounted_returns(rewards, dones, gamma, last_value=0.0)`` — the discounted return

    G_t = r_t + gamma * (1 - done_t) * G_{t+1},        G_T = last_value

``done_t = 1`` means the episode ENDED at step t (r_t was its last reward): nothing after t
belongs to it, so the future is cut by (1 - done_t) of the same step t. After the final step the
rollout is usually cut mid-episode, so the return bootstraps from ``last_value`` (the critic's
estimate V(s_T)), unless that final step is itself terminal.

``gae(rewards, values, dones, last_value, gamma, lam)`` — GAE(gamma, lambda):

    delta_t = r_t + gamma * (1 - done_t) * V_{t+1} - V_t         (V_T = last_value)
    A_t     = delta_t + gamma * lam * (1 - done_t) * A_{t+1},    A_T = 0

returning ``(advantages, returns)`` with ``returns = advantages + values`` (the critic's
regression target). lam = 0 gives the one-step TD error A_t = delta_t; lam = 1 gives the Monte
Carlo advantage G_t - V_t. ``values`` (and a tensor ``last_value``) come from the critic and may
require grad: the targets must NOT carry gradient back into the critic (detach them, without
``detach_()``, which would cut the caller's own tensor from its graph).

Work backwards in time; a Python loop over t is allowed (and usual).

Shapes: rewards, dones and values are (T,) for one environment or (T, N) for N environments
(time is dim 0); last_value is a Python float, a 0-d tensor or an (N,) tensor. dones is float
(0./1.) or bool: ``1 - dones`` fails for a bool tensor, so convert with
``dones.to(rewards.dtype)``. Outputs have the rewards' shape and dtype (float32 or float64).
Inputs may be non-contiguous views and must not be modified in place.

Checked on hidden rollouts: short hand-computed cases, episodes ending mid-rollout, a done at
the last step (no bootstrap), gamma = 0, lam = 0 and lam = 1, (T, N) batches, T = 1, bool
dones, float64 and large rewards, that no gradient reaches values, and that inputs are unchanged.
"""

import torch


def discounted_returns(rewards: torch.Tensor, dones: torch.Tensor, gamma: float,
                       last_value=0.0) -> torch.Tensor:
    raise NotImplementedError


def gae(rewards: torch.Tensor, values: torch.Tensor, dones: torch.Tensor, last_value,
        gamma: float, lam: float) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
