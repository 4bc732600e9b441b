from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


def build(state, device):
    """Linear -> ReLU -> Linear (states to one Q-value per action), loaded from `state`."""
    h, s = state["0.weight"].shape
    a = state["2.weight"].shape[0]
    net = nn.Sequential(OrderedDict([("0", nn.Linear(s, h)), ("1", nn.ReLU()), ("2", nn.Linear(h, a))]))
    net.to(device=device, dtype=state["0.weight"].dtype)
    net.load_state_dict({k: v.to(device) for k, v in state.items()})
    return net


def _variants(online, target, b, gamma, double):
    """The loss as the reference and as common mistakes compute it (no graph)."""
    s, a, r, s2, d = b["states"], b["actions"], b["rewards"], b["next_states"], b["dones"]
    nd, dd = 1.0 - d.to(r.dtype), d.to(r.dtype)
    Q, Qn_t, Qn_o = online(s), target(s2), online(s2)
    q = Q.gather(1, a[:, None]).squeeze(1)
    t_max, o_max = Qn_t.max(dim=1).values, Qn_o.max(dim=1).values
    dbl = Qn_t.gather(1, Qn_o.argmax(dim=1, keepdim=True)).squeeze(1)
    swapped = Qn_o.gather(1, Qn_t.argmax(dim=1, keepdim=True)).squeeze(1)
    nxt = dbl if double else t_max
    y = r + gamma * nd * nxt
    out = {
        "no_mask": F.smooth_l1_loss(q, r + gamma * nxt),
        "inverted": F.smooth_l1_loss(q, r + gamma * dd * nxt),
        "mse": F.mse_loss(q, y),
        "sum": F.smooth_l1_loss(q, y, reduction="sum"),
        "online_max": F.smooth_l1_loss(q, r + gamma * nd * o_max),
        "max_all": F.smooth_l1_loss(q, r + gamma * nd * Qn_t.max()),
        "reward_clip": F.smooth_l1_loss(q, r.clamp(-1, 1) + gamma * nd * nxt),
    }
    if q.shape[0] > 1:  # q of shape (B, 1) against y of shape (B,) broadcasts to (B, B)
        n = q.shape[0]
        out["broadcast"] = F.smooth_l1_loss(q[:, None].expand(n, n), y[None, :].expand(n, n))
    if double:
        out["plain"] = F.smooth_l1_loss(q, r + gamma * nd * t_max)
        out["swapped"] = F.smooth_l1_loss(q, r + gamma * nd * swapped)
        out["argmax_states"] = F.smooth_l1_loss(
            q, r + gamma * nd * Qn_t.gather(1, Q.argmax(dim=1, keepdim=True)).squeeze(1))
    if int(a.max()) < Q.shape[0]:
        out["gather_dim0"] = F.smooth_l1_loss(Q.gather(0, a[:, None]).squeeze(1), y)
    if Qn_t.shape[1] == Qn_t.shape[0]:
        out["max_dim0"] = F.smooth_l1_loss(q, r + gamma * nd * Qn_t.max(dim=0).values)
    return {k: float(v) for k, v in out.items()}


def run(solution, inputs, device):
    online, target = build(inputs["online"], device), build(inputs["target"], device)
    batch = {k: v.clone() for k, v in inputs["batch"].items()}  # clone keeps a non-contiguous layout
    before = {k: v.clone() for k, v in batch.items()}
    gamma, double = inputs["gamma"], inputs["double"]
    with torch.no_grad():
        variants = _variants(online, target, before, gamma, double)
    loss = solution.dqn_loss(online, target, batch, gamma, double=double)
    out = {"loss": loss}
    if not isinstance(loss, torch.Tensor) or loss.shape != ():
        return out
    try:
        value = float(loss)
    except (TypeError, ValueError, RuntimeError):
        value = float("nan")
    out["diag: loss variant"] = next((k for k, v in variants.items() if abs(value - v) <= 1e-4 * abs(v) + 1e-6),
                                     "other")
    out["the batch is left unchanged"] = bool(set(batch) == set(before) and all(
        batch[k].dtype == before[k].dtype and torch.equal(batch[k], before[k]) for k in before))
    out["the loss has a graph to the online network"] = bool(loss.requires_grad)
    if not loss.requires_grad:
        return out
    loss.backward()
    out["the target network's parameters get no gradient (.grad stays None)"] = all(
        p.grad is None for p in target.parameters())
    grads = [p.grad for p in online.parameters()]
    if any(g is None for g in grads):
        out["every parameter of the online network gets a gradient"] = False
        return out
    out["gradient w.r.t. the online network's parameters"] = torch.cat([g.reshape(-1) for g in grads])
    return out
