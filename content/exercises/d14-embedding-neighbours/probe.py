import torch


def run(solution, inputs, device):
    result = {}
    weight = inputs["weight"].clone()
    scores, ids = solution.nearest_neighbours(weight, inputs["query_ids"].clone(), inputs["k"])
    result["scores"], result["ids"] = scores, ids
    best = solution.analogy(weight, inputs["a"].clone(), inputs["b"].clone(), inputs["c"].clone())
    result["analogy"] = best
    result["weight unchanged"] = bool(torch.equal(weight, inputs["weight"]))

    table = inputs["weight"].clone().requires_grad_(True)
    bags = solution.mean_bag(table, inputs["tokens"].clone(), inputs["offsets"].clone(), inputs["padding_idx"])
    result["mean_bag"] = bags
    if (not isinstance(bags, torch.Tensor) or bags.shape != inputs["probe_grad"].shape
            or not bags.requires_grad):
        return result  # the shape (or a missing graph) is reported before the gradient
    (bags * inputs["probe_grad"]).sum().backward()
    result["grad:weight"] = table.grad
    return result
