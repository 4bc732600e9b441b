import torch


def _same(a, b):
    return a.shape == b.shape and a.dtype == b.dtype and bool((a == b).all())


def run(solution, inputs, device):
    result = {}
    counts = inputs["counts"].clone()
    probs = solution.noise_distribution(counts)
    result["noise_distribution"] = probs
    result["counts unchanged"] = _same(counts, inputs["counts"])

    p = inputs["probs"].clone()
    n, k, seed = inputs["num_positives"], inputs["k"], inputs["seed"]
    first = solution.sample_negatives(p, n, k, torch.Generator(device=device).manual_seed(seed))
    again = solution.sample_negatives(p, n, k, torch.Generator(device=device).manual_seed(seed))
    result["negatives"] = first
    result["same seed, same negatives"] = (isinstance(first, torch.Tensor) and isinstance(again, torch.Tensor)
                                           and first.shape == again.shape and bool((first == again).all()))
    other = solution.sample_negatives(p, n, k, torch.Generator(device=device).manual_seed(seed + 1))
    result["another seed, other negatives"] = (isinstance(first, torch.Tensor) and isinstance(other, torch.Tensor)
                                               and (first.shape != other.shape or not bool((first == other).all())))
    result["probs unchanged"] = _same(p, inputs["probs"])

    ids = {name: inputs[name].clone() for name in ("center", "context", "negatives_in")}
    in_embed = inputs["in_embed"].clone().requires_grad_(True)  # clone keeps a non-contiguous layout
    out_embed = inputs["out_embed"].clone().requires_grad_(True)
    loss = solution.sgns_loss(ids["center"], ids["context"], ids["negatives_in"], in_embed, out_embed)
    result["ids unchanged"] = all(_same(ids[name], inputs[name]) for name in ids)
    result["loss"] = loss
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return result  # the shape (or a missing graph) is reported before the gradients
    loss.backward()
    result["grad:in_embed"] = in_embed.grad
    result["grad:out_embed"] = out_embed.grad
    return result
