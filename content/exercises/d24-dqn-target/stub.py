"""Day 24 · The DQN loss with a target network (and Double DQN).

Write ``dqn_loss(online, target, batch, gamma, double=False)``: the loss of one DQN update on a
minibatch of transitions (s, a, r, s', done) drawn from a replay buffer.

``online`` and ``target`` are two networks of the same shape mapping states (B, S) to Q-values
(B, A), one per action. ``batch`` is a dict of tensors:

    states (B, S) float,  actions (B,) int64,  rewards (B,) float,
    next_states (B, S) float,  dones (B,) bool (True: the episode ended with this transition)

1. The prediction: the online network's Q-value of the action that was taken,
   ``q_i = online(states)[i, actions[i]]`` (use ``gather`` on the action dim).
2. The Bellman target, computed with NO gradient (under ``torch.no_grad()``):

       y_i = r_i + gamma * (1 - done_i) * max_a target(next_states)[i, a]

   With ``double=True`` (Double DQN) the online network CHOOSES the next action and the target
   network EVALUATES it, which removes much of the max operator's overestimation bias:

       a*_i = argmax_a online(next_states)[i, a],   y_i = r_i + gamma * (1 - done_i) * target(next_states)[i, a*_i]

   A terminal transition has no future: y = r exactly. ``1 - dones`` fails for a bool tensor;
   convert first (``dones.to(rewards.dtype)``).
3. The loss: ``F.smooth_l1_loss(q, y)`` (the Huber loss with beta = 1, mean over the batch), the
   loss of the original DQN (its "error clipping"), not MSE.

Return the 0-d loss tensor, with a graph to the online network only: the target network is a
frozen copy (updated elsewhere by copying the weights every C steps); no gradient may reach its
parameters, so their ``.grad`` stays None. Do not modify the batch in place.

Checked, with hidden small MLPs: the loss value and its gradient w.r.t. the online network's
parameters against the reference, terminal transitions, that the target network's parameters get
no gradient, Double DQN on cases where the two networks disagree about the best action, large TD
errors (Huber, not MSE), float64, a batch of one, and that the batch is left unchanged.
"""

import torch
import torch.nn.functional as F


def dqn_loss(online, target, batch: dict, gamma: float, double: bool = False) -> torch.Tensor:
    raise NotImplementedError
