"""Hidden small MLPs for the online and target Q-networks (rebuilt in the probe from state
dicts) and replay-buffer minibatches. The probe also computes the loss as common mistakes do,
so that a wrong value can be named."""

import math

import torch

from quizzer.practice.compare import compare_value


def _mlp(s, h, a, dtype, device):
    return {"0.weight": torch.randn(h, s, dtype=dtype, device=device) / math.sqrt(s),
            "0.bias": 0.1 * torch.randn(h, dtype=dtype, device=device),
            "2.weight": torch.randn(a, h, dtype=dtype, device=device) / math.sqrt(h),
            "2.bias": 0.1 * torch.randn(a, dtype=dtype, device=device)}


def _case(b, s=4, a=3, h=16, gamma=0.99, double=False, p_done=0.25, dtype=torch.float32, device="cpu",
          reward_scale=1.0, lag=0.3, all_done=False, non_contiguous=False):
    online = _mlp(s, h, a, dtype, device)
    # the target network is an older copy of the online one: close, but not equal
    target = {k: v + lag * torch.randn_like(v) for k, v in online.items()}
    states = torch.randn(s, b, dtype=dtype, device=device).t() if non_contiguous else \
        torch.randn(b, s, dtype=dtype, device=device)
    dones = torch.ones(b, dtype=torch.bool, device=device) if all_done else \
        torch.rand(b, device=device) < p_done
    if not all_done and b > 1:
        dones[0], dones[-1] = True, False  # at least one terminal and one non-terminal transition
    batch = {"states": states, "actions": torch.randint(0, a, (b,), device=device),
             "rewards": reward_scale * torch.randn(b, dtype=dtype, device=device),
             "next_states": torch.randn(b, s, dtype=dtype, device=device), "dones": dones}
    return {"online": online, "target": target, "batch": batch, "gamma": gamma, "double": double}


def cases(device):
    f64 = torch.float64
    return [
        ("DQN: batch of 16, 3 actions, a quarter terminal, gamma 0.99", _case(16, device=device)),
        ("DQN: every transition terminal (y = r exactly)", _case(10, device=device, all_done=True)),
        ("DQN: batch of 4 with 4 actions, gamma 0.9", _case(4, a=4, gamma=0.9, device=device)),
        ("DQN: large TD errors (rewards of order 20): Huber, not MSE", _case(12, device=device, reward_scale=20.0)),
        ("Double DQN: independent online and target networks that disagree on the best action",
         _case(24, a=5, double=True, lag=1.5, device=device)),
        ("Double DQN: float64, gamma 0.95, non-contiguous states",
         _case(12, a=4, double=True, lag=1.0, gamma=0.95, dtype=f64, device=device, non_contiguous=True)),
        ("DQN: float64, a batch of one, not terminal", _case(1, dtype=f64, device=device, p_done=0.0)),
        ("Double DQN: a batch of one, terminal", _case(1, a=4, double=True, device=device, all_done=True)),
    ]


RTOL, ATOL = 1e-4, 1e-6

VARIANTS = {
    "no_mask": ("this matches a target without the terminal mask: a terminal transition has no next state to "
                "bootstrap from, so y = r + gamma * (1 - done) * max_a Q_target(s', a)"),
    "inverted": ("this matches an inverted terminal mask (multiplying by done instead of 1 - done): only the "
                 "NON-terminal transitions bootstrap"),
    "mse": ("this is the mean squared error; DQN uses the Huber loss F.smooth_l1_loss(q, y) (beta = 1), linear "
            "for |q - y| > 1, so that large TD errors do not produce huge gradients"),
    "sum": "this is the sum over the batch; F.smooth_l1_loss averages (reduction='mean')",
    "online_max": ("this matches evaluating the next state with the ONLINE network: the target network scores "
                   "the next action (in plain DQN it also chooses it; in Double DQN the online network only "
                   "chooses it, with argmax)"),
    "max_all": ("this matches one max over the whole tensor: the max is over the actions of each next state, "
                "target(next_states).max(dim=1).values"),
    "plain": ("with double=True this is still plain DQN: the ONLINE network must choose a* = argmax_a "
              "online(s')[a] and the target network evaluate it, target(s').gather(1, a*[:, None])"),
    "swapped": ("the roles are swapped: in Double DQN the online network chooses the action (argmax) and the "
                "target network evaluates it"),
    "reward_clip": ("this matches clipping the rewards to [-1, 1]: the original DQN clipped Atari rewards in the "
                    "environment wrapper, not in the loss; use the batch's rewards as they are"),
    "broadcast": ("this matches q of shape (B, 1) against y of shape (B,) (or the reverse), which broadcasts to a "
                  "(B, B) matrix of every pair: squeeze the gathered column, .squeeze(1), and take .max(dim=1) "
                  "without keepdim, so that q and y are both (B,)"),
    "argmax_states": ("this matches choosing a* from online(states): Double DQN's online network chooses the "
                      "action of the NEXT state, a* = online(next_states).argmax(dim=1)"),
    "gather_dim0": ("this matches gather on dim 0 (picking rows by action): gather on dim 1, "
                    "online(states).gather(1, actions[:, None]).squeeze(1), picks column actions[i] of row i"),
    "max_dim0": ("this matches a max over dim 0, the batch: take the max over the actions, dim 1, "
                 "target(next_states).max(dim=1).values"),
}

TIPS = {
    "the batch is left unchanged": "do not modify the batch's tensors in place (or replace its entries)",
    "the loss has a graph to the online network": (
        "the loss has no graph: compute q = online(states).gather(...) OUTSIDE torch.no_grad(), and return the "
        "tensor, not .item()"),
    "the target network's parameters get no gradient (.grad stays None)": (
        "gradient reached the target network: compute the target y under torch.no_grad() (or .detach() it); "
        "the target is a constant for this update and the target network is never trained by backprop"),
    "every parameter of the online network gets a gradient": "every parameter of the online network should get a gradient",
    "gradient w.r.t. the online network's parameters": (
        "the loss value is right but its gradient is not: the target must be a constant (torch.no_grad() or "
        ".detach()), including any online-network evaluation of the next states"),
}


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        if key.startswith("diag:"):
            continue
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if not problem:
            continue
        got = actual.get(key)
        if key == "loss":
            if not isinstance(got, torch.Tensor):
                tip = "return the loss as a tensor (no .item()), so that it can be backpropagated"
            elif got.shape != ():
                tip = ("return one number: q and y must both have shape (B,) (squeeze the gathered column; take "
                       "the max over dim 1 with .values), and F.smooth_l1_loss averages them")
            elif got.dtype != value.dtype:
                tip = "keep the networks' dtype: convert dones with dones.to(rewards.dtype), not .float()"
            else:
                tip = VARIANTS.get(actual.get("diag: loss variant"), "")
        else:
            tip = TIPS.get(key, "")
        return f"{problem} — {tip}" if tip else problem
    return None
