import torch

NAMES = ("query", "key", "value")


def _describe(value):
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of ({', '.join(type(v).__name__ for v in value)})"
    return type(value).__name__


def run(solution, inputs, device):
    mask = inputs["attn_mask"]
    options = {"attn_mask": None if mask is None else mask.clone(), "is_causal": inputs["is_causal"]}
    if inputs["scale"] is not None:
        options["scale"] = inputs["scale"]
    # 1. the contract, without autograd: the return type, and inputs left as they were
    copies = {n: inputs[n].clone() for n in NAMES}  # clone keeps a non-contiguous layout
    with torch.no_grad():
        result = solution.scaled_dot_product_attention(*(copies[n] for n in NAMES), **options)
    changed = [n for n in NAMES if not torch.equal(copies[n], inputs[n])]
    if mask is not None and not torch.equal(options["attn_mask"], mask):
        changed.append("attn_mask")
    res = {"returns": _describe(result), "inputs unchanged": not changed}
    if res["returns"] != "tuple of (Tensor, Tensor)" or changed:
        return {**res, "changed inputs": changed}
    # 2. values and gradients (of a fixed random weighting of both outputs)
    leaves = {n: inputs[n].clone().requires_grad_(True) for n in NAMES}
    if mask is not None:
        options["attn_mask"] = mask.clone()
    output, weights = solution.scaled_dot_product_attention(*(leaves[n] for n in NAMES), **options)
    res.update({"output": output, "weights": weights})
    up_o, up_w = inputs["upstream"]
    if output.shape != up_o.shape or weights.shape != up_w.shape:
        return res  # shapes are reported before gradients
    if not (output.requires_grad and weights.requires_grad):
        res["connected to the autograd graph"] = False
        return res
    res["connected to the autograd graph"] = True
    ((output * up_o).sum() + (weights * up_w).sum()).backward()
    for n in NAMES:
        res[f"grad:{n}"] = leaves[n].grad
    return res
