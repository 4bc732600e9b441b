import math

import torch

from quizzer.practice.compare import compare_value

BUFFERS = ("running_mean", "running_var", "num_batches_tracked")


def _case(losses, patience, min_delta, d_in=4, h=6, dtype=torch.float32, device="cpu"):
    def rand(*shape):
        return torch.randn(*shape, dtype=dtype, device=device)

    epochs = len(losses)
    state = {"hidden.weight": rand(h, d_in) / math.sqrt(d_in), "hidden.bias": 0.1 * rand(h),
             "norm.weight": 1.0 + 0.1 * rand(h), "norm.bias": 0.1 * rand(h),
             "norm.running_mean": torch.zeros(h, dtype=dtype, device=device),
             "norm.running_var": torch.ones(h, dtype=dtype, device=device),
             "norm.num_batches_tracked": torch.tensor(0, device=device),
             "out.weight": rand(1, h) / math.sqrt(h), "out.bias": 0.1 * rand(1)}
    return {"val_losses": torch.tensor(losses, dtype=torch.float64, device=device),
            "x": rand(epochs, 8, d_in), "y": 1.0 + rand(epochs, 8, 1),
            "state": state, "patience": patience, "min_delta": min_delta}


def cases(device):
    return [
        ("improves, then plateaus: patience 2 stops at epoch 4",
         _case([1.0, 0.8, 0.7, 0.72, 0.71, 0.75, 0.6], 2, 0.0, device=device)),
        ("min_delta 0.01 ignores tiny improvements: patience 3",
         _case([1.0, 0.9, 0.895, 0.892, 0.891, 0.85, 0.86, 0.87, 0.84], 3, 0.01, device=device)),
        ("keeps improving: never stops, best = last", _case([1.0, 0.9, 0.8, 0.7, 0.6], 2, 0.0, device=device)),
        ("patience 1, a tie is not an improvement, float64",
         _case([0.5, 0.5, 0.4], 1, 0.0, dtype=torch.float64, device=device)),
        ("an improvement resets the count: patience 3, min_delta 0.001, one input feature",
         _case([1.0, 0.8, 0.85, 0.9, 0.7, 0.75, 0.76, 0.77, 0.5], 3, 0.001, d_in=1, device=device)),
    ]


def _trace_problem(inputs, expected, actual):
    """The first epoch where step()'s answer or best_loss differs, explained with the rule it broke."""
    losses = inputs["val_losses"].tolist()
    md, patience = inputs["min_delta"], inputs["patience"]
    exp_ret, exp_best = expected["step() results"], expected["best_loss after each step()"]
    act_ret, act_best = actual.get("step() results"), actual.get("best_loss after each step()")
    if not isinstance(act_ret, list) or not isinstance(act_best, list):
        return "no results from step(): it must return True or False, and best_loss must be an attribute"
    prev, count = math.inf, 0
    for e, (ret, best) in enumerate(zip(exp_ret, exp_best)):
        v = losses[e]
        if e >= len(act_ret):
            break
        got = act_best[e]
        if not isinstance(got, (int, float)) or not math.isclose(got, best, rel_tol=1e-9, abs_tol=1e-12):
            where = f"`best_loss` after epoch {e} (val_loss {v:g}, best before {prev:g}, min_delta {md:g})"
            if best == prev and isinstance(got, (int, float)) and got == v:
                why = ("a tie is not an improvement" if v == prev else
                       f"{v:g} beats {prev:g} by less than min_delta, so it does not count")
                hint = f"{why}: an epoch improves only when val_loss < best_loss - min_delta"
            elif best == v:
                hint = "this epoch improves (val_loss < best_loss - min_delta): set best_loss = val_loss and save the state"
            else:
                hint = "best_loss changes only on an improvement, and then becomes val_loss"
            return f"{where}: expected {best:g}, got {got!r} — {hint}"
        improved = best != prev
        count = 0 if improved else count + 1
        if act_ret[e] != ret:
            where = f"step() at epoch {e} (val_loss {v:g}, patience {patience})"
            if ret:
                late = e + 1 < len(act_ret) and act_ret[e + 1]
                hint = (f"this is epoch {count} in a row without improvement, so step() must return True here"
                        + ("; yours stops one epoch late: stop when the count reaches patience (>=, not >)" if late else
                           ": stop as soon as the count reaches patience (count >= patience)"))
            else:
                hint = (f"only {count} epoch(s) in a row without improvement so far: reset the count to 0 on every "
                        "improvement, and stop only when it reaches patience")
            return f"{where}: expected {ret}, got {act_ret[e]} — {hint}"
        prev = best
    if len(act_ret) != len(exp_ret):
        return f"step() results: expected {len(exp_ret)} epochs, got {len(act_ret)}"
    return None


def _restore_hint(key, expected, actual):
    restored = [k for k in expected if k.startswith("restored ")]
    params = [k for k in restored if not k.endswith(BUFFERS)]

    def same(a, b):
        return isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.shape == b.shape and torch.equal(a, b)

    if key.endswith(BUFFERS) and all(compare_value(k, expected[k], actual.get(k), None, None) is None for k in params):
        return (" — the parameters were restored but not the buffers (BatchNorm's running statistics): "
                "save and load the whole model.state_dict(), not just the parameters")
    if all(same(actual.get(k), actual.get("live " + k[len("restored "):])) for k in restored):
        return (" — after restore() the model still holds the latest weights, not the best: your snapshot shares "
                "memory with the live tensors (state_dict() returns references; .copy() or dict() copy only the "
                "dict), so save copy.deepcopy(model.state_dict()), and restore with model.load_state_dict(...)")
    return " (restore() should load the state saved at the best epoch, with load_state_dict)"


def compare(name, inputs, expected, actual):
    problem = _trace_problem(inputs, expected, actual)
    if problem:
        return problem
    for key, value in expected.items():
        if key.startswith("restored "):
            problem = compare_value(key, value, actual.get(key), None, None)
            if problem:
                return problem + _restore_hint(key, expected, actual)
    return None
