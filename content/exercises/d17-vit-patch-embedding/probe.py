import torch

HINTS = {
    "must match": ("a shape mismatch: pos_embed is (1, 1 + N, D), one position per token, the class token "
                   "included; prepend the class token to the N patch tokens (torch.cat along dim 1) before "
                   "adding pos_embed, and keep the patch tokens as (B, N, D)"),
    "leaf Variable that requires grad": ("an input was modified in place (+=, add_, copy_ or a slice assignment "
                                         "on cls_token, pos_embed or weight); build new tensors instead: "
                                         "torch.cat([cls, tokens], dim=1) + pos_embed"),
    "view size is not compatible": ("a .view() on a non-contiguous tensor (here the weight or the images are "
                                    "not contiguous); use .reshape(), which copies only when it must"),
}


def _call(name, fn):
    try:
        return fn()
    except RuntimeError as exc:
        for pattern, hint in HINTS.items():
            if pattern in str(exc):
                raise RuntimeError(f"{name} failed: {str(exc).splitlines()[0]} — {hint}") from None
        raise


def _raised(fn):
    try:
        out = fn()
    except ValueError as exc:
        return "ValueError" if str(exc).strip() else "ValueError without a message"
    except NotImplementedError:
        raise
    except Exception as exc:  # the wrong kind of error
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
    shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
    return f"nothing (returned {shape})"


def run(solution, inputs, device):
    images, weight, bias, patch = inputs["images"], inputs["weight"], inputs["bias"], inputs["patch"]
    cls_token, pos_embed = inputs["cls_token"], inputs["pos_embed"]
    originals = [t.clone() for t in (images, weight, bias, cls_token, pos_embed)]
    if inputs.get("expect_error"):
        return {
            "raises:patchify_linear": _raised(lambda: solution.patchify_linear(images, weight, bias, patch)),
            "raises:patchify_conv": _raised(lambda: solution.patchify_conv(images, weight, bias, patch)),
            "raises:embed": _raised(lambda: solution.embed(images, weight, bias, patch, cls_token, pos_embed)),
        }
    linear = _call("patchify_linear", lambda: solution.patchify_linear(images, weight, bias, patch))
    conv = _call("patchify_conv", lambda: solution.patchify_conv(images, weight, bias, patch))
    # fresh leaves for the gradients; clone keeps a non-contiguous layout
    w, cls, pos = (t.clone().requires_grad_(True) for t in (weight, cls_token, pos_embed))
    out = _call("embed", lambda: solution.embed(images, w, bias, patch, cls, pos))
    result = {"patchify_linear": linear, "patchify_conv": conv, "embed": out}
    tensors = [t for t in (linear, conv, out) if isinstance(t, torch.Tensor)]
    result["on_device"] = all(t.device.type == torch.device(device).type for t in tensors)
    result["inputs_unchanged"] = all(torch.equal(a, b) for a, b in zip(
        originals, (images, weight, bias, cls_token, pos_embed))) and all(
        torch.equal(a, b.detach()) for a, b in zip(originals[3:], (cls, pos)))
    upstream = inputs["upstream"]
    if not isinstance(out, torch.Tensor) or out.shape != upstream.shape or not out.requires_grad:
        return result  # the shape (or a missing graph) is reported before the gradients
    (out * upstream).sum().backward()
    result.update({"grad:cls_token": cls.grad, "grad:pos_embed": pos.grad, "grad:weight": w.grad})
    return result
