import torch

NAMES = ("query", "keys", "values", "W_q", "W_k", "v")


def _describe(value):
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of ({', '.join(type(v).__name__ for v in value)})"
    return type(value).__name__


def run(solution, inputs, device):
    # 1. the contract, without autograd: the return type, and inputs left as they were
    copies = {n: inputs[n].clone() for n in NAMES}  # clone keeps a non-contiguous layout
    mask = inputs["mask"].clone()
    with torch.no_grad():
        result = solution.additive_attention(*(copies[n] for n in NAMES), mask)
    changed = [n for n in NAMES if not torch.equal(copies[n], inputs[n])]
    if not torch.equal(mask, inputs["mask"]):
        changed.append("mask")
    res = {"returns": _describe(result), "inputs unchanged": not changed}
    if res["returns"] != "tuple of (Tensor, Tensor)" or changed:
        return {**res, "changed inputs": changed}
    # 2. values and gradients (of a fixed random weighting of both outputs)
    leaves = {n: inputs[n].clone().requires_grad_(True) for n in NAMES}
    context, weights = solution.additive_attention(*(leaves[n] for n in NAMES), inputs["mask"].clone())
    res.update({"context": context, "weights": weights})
    up_c, up_w = inputs["upstream"]
    if context.shape != up_c.shape or weights.shape != up_w.shape:
        return res  # shapes are reported before gradients
    if not (context.requires_grad and weights.requires_grad):
        res["connected to the autograd graph"] = False
        return res
    res["connected to the autograd graph"] = True
    ((context * up_c).sum() + (weights * up_w).sum()).backward()
    for n in NAMES:
        res[f"grad:{n}"] = leaves[n].grad
    return res
