import torch


def _describe(value):
    if isinstance(value, (tuple, list)):
        inner = ", ".join(type(v).__name__ for v in value)
        return f"{type(value).__name__} of ({inner})"
    return type(value).__name__


def _copy(lengths):
    return lengths.clone() if isinstance(lengths, torch.Tensor) else list(lengths)


def _same(a, b):
    if isinstance(a, torch.Tensor) != isinstance(b, torch.Tensor):
        return False
    return torch.equal(a, b) and a.device == b.device if isinstance(a, torch.Tensor) else a == b


def run(solution, inputs, device):
    out0, len0 = inputs["output"], inputs["lengths"]
    # 1. the contract, without autograd: what is returned, and are the inputs left as they were?
    output, lengths = out0.clone(), _copy(len0)  # clone keeps a non-contiguous layout
    with torch.no_grad():
        result = solution.last_and_mean(output, lengths)
    changed = [] if torch.equal(output.nan_to_num(7.0), out0.nan_to_num(7.0)) else ["output"]
    if not _same(lengths, len0):
        changed.append("lengths")
    res = {"returns": _describe(result), "inputs unchanged": not changed}
    if res["returns"] != "tuple of (Tensor, Tensor)" or changed:
        return {**res, "changed inputs": changed}
    # 2. the values and the gradient (of a fixed random weighting of last and mean)
    output = out0.clone().requires_grad_(True)
    last, mean = solution.last_and_mean(output, _copy(len0))
    res.update({"last": last, "mean": mean})
    up_last, up_mean = inputs["upstream"]
    if last.shape != up_last.shape or mean.shape != up_mean.shape or last.dtype != out0.dtype or mean.dtype != out0.dtype:
        return res  # shapes and dtypes are reported before the gradient
    if not (last.requires_grad and mean.requires_grad):
        res["connected to the autograd graph"] = False
        return res
    res["connected to the autograd graph"] = True
    ((last * up_last).sum() + (mean * up_mean).sum()).backward()
    res["grad:output"] = output.grad
    return res
