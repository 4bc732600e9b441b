import torch


def run(solution, inputs, device):
    x, p = inputs["x"], inputs["p"]
    layer = solution.InvertedDropout(p)
    layer.train()
    xg = x.clone().requires_grad_(True)  # clone keeps the strides, so a non-contiguous x stays so
    out = layer(xg)
    result = {"train": out, "train_has_graph": isinstance(out, torch.Tensor) and out.requires_grad}
    if result["train_has_graph"] and out.shape == x.shape:
        out.backward(torch.ones_like(out))
        result["grad:x"] = xg.grad
    with torch.no_grad():
        result["train_again"] = layer(x.clone())
    layer.eval()
    result["eval"] = layer(x.clone())
    return result
