import torch


def _describe(value):
    if isinstance(value, (tuple, list)):
        inner = ", ".join(type(v).__name__ for v in value)
        return f"{type(value).__name__} of ({inner})"
    return type(value).__name__


def _call(solution, inputs, x, params, h0):
    return solution.rnn_forward(x, params, inputs["num_layers"], h0=h0, batch_first=inputs["batch_first"])


def run(solution, inputs, device):
    x0, h00, p0 = inputs["x"], inputs["h0"], inputs["params"]
    # 1. the contract, without autograd: what is returned, and are the inputs left as they were?
    x, params = x0.clone(), {n: p.clone() for n, p in p0.items()}  # clone keeps a non-contiguous layout
    h0 = None if h00 is None else h00.clone()
    try:
        with torch.no_grad():
            result = _call(solution, inputs, x, params, h0)
    except RuntimeError as exc:  # a new tensor (a zero h0) made with the default dtype or on the CPU
        if "dtype" not in str(exc) and "device" not in str(exc):
            raise
        return {"raised": "RuntimeError: " + str(exc).split("\n")[0][:160]}
    changed = [] if torch.equal(x, x0) else ["x"]  # torch.equal is also False when a shape changed
    if h0 is not None and not torch.equal(h0, h00):
        changed.append("h0")
    if list(params) != list(p0):
        changed.append("the params dict (keys added or removed)")
    changed += [n for n in p0 if n in params and not torch.equal(params[n], p0[n])]
    out = {"returns": _describe(result), "inputs unchanged": not changed}
    if out["returns"] != "tuple of (Tensor, Tensor)" or changed:
        return {**out, "changed inputs": changed}  # not compared: it names the culprit in the message
    # 2. the values and the gradients (of a fixed random weighting of output and h_n)
    x = x0.clone().requires_grad_(True)
    h0 = None if h00 is None else h00.clone().requires_grad_(True)
    params = {n: p.clone().requires_grad_(True) for n, p in p0.items()}
    output, h_n = _call(solution, inputs, x, params, h0)
    out.update({"output": output, "h_n": h_n})
    if (output.shape != inputs["upstream"]["output"].shape or h_n.shape != inputs["upstream"]["h_n"].shape
            or output.dtype != x0.dtype or h_n.dtype != x0.dtype):
        return out  # shapes and dtypes are reported before gradients
    if not (output.requires_grad and h_n.requires_grad):
        out["connected to the autograd graph"] = False
        return out
    out["connected to the autograd graph"] = True
    try:
        ((output * inputs["upstream"]["output"]).sum() + (h_n * inputs["upstream"]["h_n"]).sum()).backward()
    except RuntimeError as exc:  # a tensor autograd saved was overwritten (out[t] = h into a buffer it reads)
        if "modified by an inplace operation" not in str(exc):
            raise
        return {**out, "raised": "RuntimeError: " + str(exc).split(":")[0]}
    out["grad:x"] = x.grad
    if h0 is not None:
        out["grad:h0"] = h0.grad
    for n, p in params.items():
        out[f"grad:{n}"] = p.grad
    return out
