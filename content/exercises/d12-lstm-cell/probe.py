import torch

PARAMS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _describe(value):
    if isinstance(value, (tuple, list)):
        inner = ", ".join(type(v).__name__ for v in value)
        return f"{type(value).__name__} of ({inner})"
    return type(value).__name__


def _clone(t, grad=False):
    if t is None:
        return None
    t = t.clone()  # clone keeps a non-contiguous layout
    return t.requires_grad_(True) if grad else t


def _call(solution, x, state, params):
    return solution.lstm_cell(x, state, params["weight_ih"], params["weight_hh"],
                              bias_ih=params["bias_ih"], bias_hh=params["bias_hh"])


def run(solution, inputs, device):
    x0, s0 = inputs["x"], inputs["state"]
    p0 = {n: inputs[n] for n in PARAMS}
    # 1. the contract, without autograd: what is returned, and are the inputs left as they were?
    x = _clone(x0)
    state = None if s0 is None else tuple(_clone(t) for t in s0)
    params = {n: _clone(p) for n, p in p0.items()}
    try:
        with torch.no_grad():
            result = _call(solution, x, state, params)
    except RuntimeError as exc:  # a zero state made with the default dtype or on the CPU
        if "dtype" not in str(exc) and "device" not in str(exc) and "type" not in str(exc):
            raise
        return {"raised": "RuntimeError: " + str(exc).split("\n")[0][:160]}
    changed = [] if torch.equal(x, x0) else ["x"]
    if s0 is not None:
        changed += [n for n, a, b in zip(("h", "c"), state, s0) if not torch.equal(a, b)]
    changed += [n for n, p in p0.items() if p is not None and not torch.equal(params[n], p)]
    out = {"returns": _describe(result), "inputs unchanged": not changed}
    if s0 is None:  # the zero state must follow x to its device: try the step with every tensor on "meta"
        meta = {n: None if p is None else torch.empty_like(p, device="meta") for n, p in p0.items()}
        try:
            with torch.no_grad():
                _call(solution, torch.empty_like(x0, device="meta"), None, meta)
        except RuntimeError as exc:
            if "device" in str(exc):
                return {**out, "device raised": "RuntimeError: " + str(exc).split("\n")[0][:160]}
    if out["returns"] != "tuple of (Tensor, Tensor)" or changed:
        return {**out, "changed inputs": changed}  # not compared: it names the culprit in the message
    # 2. the values and the gradients (of a fixed random weighting of h_new and c_new)
    x = _clone(x0, grad=True)
    state = None if s0 is None else tuple(_clone(t, grad=True) for t in s0)
    params = {n: _clone(p, grad=True) for n, p in p0.items()}
    h_new, c_new = _call(solution, x, state, params)
    out.update({"h_new": h_new, "c_new": c_new})
    up_h, up_c = inputs["upstream"]
    if h_new.shape != up_h.shape or c_new.shape != up_c.shape or h_new.dtype != x0.dtype or c_new.dtype != x0.dtype:
        return out  # shapes and dtypes are reported before gradients
    if not (h_new.requires_grad and c_new.requires_grad):
        out["connected to the autograd graph"] = False
        return out
    out["connected to the autograd graph"] = True
    ((h_new * up_h).sum() + (c_new * up_c).sum()).backward()
    out["grad:x"] = x.grad
    if state is not None:
        out["grad:h"], out["grad:c"] = state[0].grad, state[1].grad
    for n, p in params.items():
        if p is not None:
            out[f"grad:{n}"] = p.grad
    return out
