import torch

NAMES = ("query", "key", "value", "in_proj_weight", "in_proj_bias", "out_proj_weight", "out_proj_bias")
GRADS = ("query", "in_proj_weight", "out_proj_weight")
OPTIONS = ("batch_first", "need_weights", "average_attn_weights")


def _describe(value):
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of ({', '.join(type(v).__name__ for v in value)})"
    return type(value).__name__


def run(solution, inputs, device):
    self_attention = inputs["self_attention"]

    def call(tensors):
        q = tensors["query"]
        k, v = (q, q) if self_attention else (tensors["key"], tensors["value"])
        masks = {m: None if inputs[m] is None else inputs[m].clone() for m in ("key_padding_mask", "attn_mask")}
        result = solution.multi_head_attention(q, k, v, *(tensors[n] for n in NAMES[3:]), inputs["num_heads"],
                                               **{o: inputs[o] for o in OPTIONS}, **masks)
        return result, masks

    # 1. the contract, without autograd: the return type, and inputs left as they were
    copies = {n: inputs[n].clone() for n in NAMES}
    with torch.no_grad():
        result, masks = call(copies)
    changed = [n for n in NAMES if not torch.equal(copies[n], inputs[n])]
    changed += [m for m, t in masks.items() if t is not None and not torch.equal(t, inputs[m])]
    res = {"returns": _describe(result), "inputs unchanged": not changed}
    wanted = "tuple of (Tensor, Tensor)" if inputs["need_weights"] else "tuple of (Tensor, NoneType)"
    if res["returns"] != wanted or changed:
        return {**res, "changed inputs": changed}
    # 2. values and gradients (of a fixed random weighting of the output and the weights)
    leaves = {n: inputs[n].clone().requires_grad_(n in GRADS) for n in NAMES}
    (output, weights), _ = call(leaves)
    res["output"] = output
    if weights is not None:
        res["weights"] = weights
    up_o, up_w = inputs["upstream"]
    if output.shape != up_o.shape or (weights is not None and weights.shape != up_w.shape):
        return res  # shapes are reported before gradients
    if not output.requires_grad:
        res["connected to the autograd graph"] = False
        return res
    res["connected to the autograd graph"] = True
    loss = (output * up_o).sum() + (0 if weights is None else (weights * up_w).sum())
    loss.backward()
    for n in GRADS:
        res[f"grad:{n}"] = leaves[n].grad
    return res
