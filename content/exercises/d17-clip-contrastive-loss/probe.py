import torch

HINTS = {
    "expected target dtype": ("the labels must be int64 class indices (torch.arange(n) without a float dtype); "
                              "a float target means class probabilities to F.cross_entropy"),
    "Expected floating point type for target": ("the labels must be int64 class indices (torch.arange(n) "
                                                "without a float dtype)"),
    "leaf Variable that requires grad": ("an input was modified in place (a /=, div_ or clamp_ on an embedding or "
                                         "on logit_scale); a loss function must not change its inputs: use the "
                                         "out-of-place F.normalize(x, dim=-1) and logit_scale.clamp(max=...)"),
    "same device": "create the labels on the logits' device: torch.arange(n, device=logits.device)",
}


def run(solution, inputs, device):
    names = ("image_emb", "text_emb", "logit_scale")
    originals = [inputs[k].clone() for k in names]
    leaves = [inputs[k].clone().requires_grad_(True) for k in names]
    try:
        loss = solution.clip_loss(*leaves)
    except RuntimeError as exc:
        for pattern, hint in HINTS.items():
            if pattern in str(exc):
                raise RuntimeError(f"clip_loss failed: {str(exc).splitlines()[0]} — {hint}") from None
        raise
    unchanged = all(torch.equal(a, b.detach()) for a, b in zip(originals, leaves))
    result = {"loss": loss}
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return result  # the shape or a missing graph is reported before the gradients
    result["on_device"] = loss.device.type == torch.device(device).type
    result["inputs_unchanged"] = unchanged
    loss.backward()
    for name, leaf in zip(names, leaves):
        result[f"grad:{name}"] = leaf.grad
    return result
