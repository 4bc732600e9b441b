"""Hidden rollouts for discounted returns and GAE. Failures are matched against the common
mistakes (simulated here in float64) so that the message names the mistake."""

import torch

from quizzer.practice.compare import compare_value


def _dones(t, n=None, at=(), device="cpu", p=0.0, dtype=torch.float32):
    shape = (t,) if n is None else (t, n)
    d = (torch.rand(shape, device=device) < p)
    for i in at:
        d[i] = True
    return d if dtype == torch.bool else d.to(dtype)


def _ret(name, rewards, dones, gamma, last_value=0.0):
    return (name, {"part": "returns", "rewards": rewards, "dones": dones, "gamma": gamma, "last_value": last_value})


def _gae(name, rewards, values, dones, last_value, gamma, lam):
    return (name, {"part": "gae", "rewards": rewards, "values": values, "dones": dones, "last_value": last_value,
                   "gamma": gamma, "lam": lam})


def cases(device):
    dev = device
    f64 = torch.float64
    t = lambda *v, dtype=torch.float32: torch.tensor(v, dtype=dtype, device=dev)  # noqa: E731
    return [
        _ret("returns: hand-computed, rewards [1, 2, 3], gamma 0.5, last_value 4 (expect [3.25, 4.5, 5])",
             t(1., 2., 3.), t(0., 0., 0.), 0.5, 4.0),
        _ret("returns: episodes end at t = 2 and t = 5 of 8, gamma 0.9, last_value 1.5",
             torch.randn(8, device=dev), _dones(8, at=(2, 5), device=dev), 0.9, 1.5),
        _ret("returns: the last step is terminal (no bootstrap from last_value = 100)",
             torch.randn(6, device=dev), _dones(6, at=(1, 5), device=dev), 0.95, 100.0),
        _ret("returns: gamma = 0 (the return is the reward)", torch.randn(7, device=dev),
             _dones(7, at=(3,), device=dev), 0.0, 5.0),
        _ret("returns: bool dones, T = 10", torch.randn(10, device=dev),
             _dones(10, at=(4,), device=dev, dtype=torch.bool), 0.8, -2.0),
        _ret("returns: a (T, N) = (12, 4) batch, last_value of shape (4,), random dones",
             torch.randn(12, 4, device=dev), _dones(12, 4, device=dev, p=0.2), 0.9, torch.randn(4, device=dev)),
        _ret("returns: float64, T = 40, gamma 0.99, rewards of order 1e6, a 0-d last_value",
             1e6 * torch.randn(40, dtype=f64, device=dev), _dones(40, at=(17,), device=dev, dtype=f64), 0.99,
             torch.tensor(3e6, dtype=f64, device=dev)),
        _ret("returns: T = 1, not terminal, gamma 0.9, last_value 2 (expect r + 1.8)", t(0.5), t(0.), 0.9, 2.0),
        _ret("returns: a non-contiguous (T, N) = (9, 3) view, bool dones",
             torch.randn(3, 9, device=dev).t(), _dones(3, 9, device=dev, p=0.25, dtype=torch.bool).t(), 0.7,
             torch.randn(3, device=dev)),
        _gae("gae: hand-computed, T = 3, no episode end, gamma 0.9, lam 0.8",
             t(1., 0., 2.), t(0.5, 1.0, 1.5), t(0., 0., 0.), 2.0, 0.9, 0.8),
        _gae("gae: episodes end at t = 3 and t = 6 of 10, gamma 0.99, lam 0.95",
             torch.randn(10, device=dev), torch.randn(10, device=dev), _dones(10, at=(3, 6), device=dev),
             0.7, 0.99, 0.95),
        _gae("gae: the last step is terminal (no bootstrap from last_value = 50)",
             torch.randn(6, device=dev), torch.randn(6, device=dev), _dones(6, at=(2, 5), device=dev),
             50.0, 0.9, 0.9),
        _gae("gae: lam = 1 (advantages = discounted returns - values)",
             torch.randn(9, device=dev), torch.randn(9, device=dev), _dones(9, at=(4,), device=dev), 1.2, 0.9, 1.0),
        _gae("gae: lam = 0 (advantages = one-step TD errors)",
             torch.randn(9, device=dev), torch.randn(9, device=dev), _dones(9, at=(5,), device=dev), -0.8, 0.9, 0.0),
        _gae("gae: gamma = 0 (advantages = rewards - values)",
             torch.randn(5, device=dev), torch.randn(5, device=dev), _dones(5, device=dev), 3.0, 0.0, 0.95),
        _gae("gae: a (T, N) = (16, 5) batch, bool dones, last_value of shape (5,)",
             torch.randn(16, 5, device=dev), torch.randn(16, 5, device=dev),
             _dones(16, 5, device=dev, p=0.15, dtype=torch.bool), torch.randn(5, device=dev), 0.97, 0.9),
        _gae("gae: float64, T = 30, rewards of order 1e4, gamma 0.99, lam 0.95",
             1e4 * torch.randn(30, dtype=f64, device=dev), 1e4 * torch.randn(30, dtype=f64, device=dev),
             _dones(30, at=(11, 20), device=dev, dtype=f64), torch.tensor(5e3, dtype=f64, device=dev), 0.99, 0.95),
        _gae("gae: T = 1, not terminal", t(1.0), t(0.25), t(0.), 2.0, 0.5, 0.9),
        _gae("gae: a non-contiguous (T, N) = (8, 3) view, float dones",
             torch.randn(3, 8, device=dev).t(), torch.randn(3, 8, device=dev).t(),
             _dones(3, 8, device=dev, p=0.3).t(), torch.randn(3, device=dev), 0.9, 0.95),
    ]


RTOL, ATOL = 1e-5, 1e-5


def _simulate(inputs, mode):
    """(advantages, returns) in float64 as the reference, or as one common mistake, computes them."""
    r = inputs["rewards"].detach().cpu().double()
    d = inputs["dones"].detach().cpu().double()
    gae = inputs["part"] == "gae"
    v = inputs["values"].detach().cpu().double() if gae else torch.zeros_like(r)
    lam = inputs["lam"] if gae else 1.0
    gamma = inputs["gamma"]
    lv = inputs["last_value"]
    lv = lv.detach().cpu().double() if isinstance(lv, torch.Tensor) else torch.tensor(float(lv), dtype=torch.float64)
    T = r.shape[0]
    nd = 1.0 - d
    if mode == "no_mask":
        nd = torch.ones_like(nd)
    if mode == "off_by_one":  # masks with done_{t+1}; the last step is never masked
        nd = torch.cat([nd[1:], torch.ones_like(nd[:1])])
    boot = nd.clone()
    if mode == "bootstrap_terminal":
        boot[-1] = 1.0
    nxt = torch.cat([v[1:], (torch.zeros_like(r[0]) + lv)[None]])
    delta = r + gamma * boot * nxt - v
    if mode == "off_by_one":
        delta = r + gamma * nd * nxt - v
    adv = torch.zeros_like(r)
    if mode == "forwards":  # the same update, walked t = 0, ..., T-1
        run = (torch.zeros_like(r[0]) + lv) if not gae else torch.zeros_like(r[0])
        for t in range(T):
            run = (r[t] + gamma * nd[t] * run) if not gae else (delta[t] + gamma * lam * nd[t] * run)
            adv[t] = run
        return adv, adv + v
    run = torch.zeros_like(r[0])
    for t in reversed(range(T)):
        if mode == "lam_on_delta":
            run = lam * delta[t] + gamma * nd[t] * run
        elif mode == "recursion_unmasked":
            run = delta[t] + gamma * lam * run
        else:
            run = delta[t] + gamma * lam * nd[t] * run
        adv[t] = run
    return adv, adv + v


def _rewards_only_returns(inputs):
    ret = dict(inputs, part="returns")
    return _simulate(ret, "ok")[0]


MISTAKES = {
    "no_mask": ("this matches ignoring the episode ends: future rewards leak across a done into the previous "
                "episode; multiply the carried-over future by (1 - done_t)"),
    "off_by_one": ("this matches masking with done_{t+1} instead of done_t (off by one): done_t means the "
                   "episode ended AT step t, so the future of step t itself is cut by (1 - done_t)"),
    "bootstrap_terminal": ("this matches bootstrapping from last_value although the last step is terminal: "
                           "the bootstrap is multiplied by (1 - done_{T-1}) like any other future"),
    "forwards": ("this matches iterating forwards in time: a return depends on the FUTURE, so loop "
                 "t = T-1, ..., 0 (for t in reversed(range(T))), carrying G_{t+1} (or A_{t+1}) back"),
    "lam_on_delta": ("this matches applying lam to delta_t: lambda belongs in the recursion, "
                     "A_t = delta_t + gamma * lam * (1 - done_t) * A_{t+1}"),
    "recursion_unmasked": ("this matches masking delta_t but not the recursion: A_{t+1} of the next episode "
                           "leaks into A_t; the recursion needs (1 - done_t) too"),
}


def _match(actual, target):
    a, b = actual.detach().cpu().double(), target
    return a.shape == b.shape and bool(torch.allclose(a, b, rtol=1e-4, atol=1e-4 * max(1.0, float(b.abs().max()))))


def _tip(key, inputs, expected, actual):
    value = actual.get(key)
    if key in ("discounted_returns", "advantages", "returns"):
        if not isinstance(value, torch.Tensor):
            return "return a tensor (for gae, a tuple of two tensors)"
        if value.shape != expected[key].shape:
            return "the output has the rewards' shape: one value per time step (and per env)"
        if value.dtype != expected[key].dtype:
            return ("keep the rewards' dtype: build outputs with torch.zeros_like(rewards) and convert dones "
                    "with dones.to(rewards.dtype)")
        cols = actual.get("diag: each env alone")
        want = expected.get("diag: each env alone")
        if isinstance(cols, torch.Tensor) and isinstance(want, torch.Tensor) and key != "returns" \
                and compare_value(key, want, cols, 1e-4, 1e-4) is None:
            return ("your function is right for one env (1-D) but not for a (T, N) batch: time is dim 0, so walk "
                    "or flip along dim 0 (rewards[t] is a row of N envs), never along dim -1 (the envs)")
        if key == "returns":
            if _match(value, _rewards_only_returns(inputs)):
                return ("these are the discounted returns of the rewards alone; GAE's critic target is "
                        "returns = advantages + values (the lambda-return)")
            if _match(value, expected["advantages"].double()):
                return "returns = advantages + values: add the values back"
        idx = 0 if key != "returns" else 1
        reference = _simulate(inputs, "ok")[idx]
        for mistake, tip in MISTAKES.items():
            simulated = _simulate(inputs, mistake)[idx]
            if _match(simulated, reference):  # this mistake makes no difference on this case
                continue
            if _match(value, simulated):
                return tip
        if value.dtype == torch.float64 and _match(value, reference):
            return ("right to about float32 precision but not float64: something is computed in float32 "
                    "(dones.float(), or a Python gamma times a float32 mask); convert with dones.to(rewards.dtype)")
        return ""
    if key.startswith("values keep their graph"):
        return ("values (or last_value) lost its graph: values.detach_() detaches the caller's tensor in place, so "
                "the critic's own loss could no longer backpropagate; use values = values.detach(), a new tensor")
    if key.startswith("no gradient flows back"):
        return ("the targets are connected to the critic's graph: call values.detach() (and detach last_value) "
                "first, or the critic's loss would push its own targets around")
    if key == "inputs are left unchanged":
        return "do not modify rewards, dones, values or last_value in place: write into a new tensor"
    if key.startswith("gae returns a tuple"):
        return "return (advantages, returns)"
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        if key.startswith("diag:"):
            continue
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
