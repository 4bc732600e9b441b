import torch

HINT_ONE_HOT = (" — the targets contain ignore_index, which is not a class id: F.one_hot (and indexing) "
                "need ids in [0, C). Replace ignored pixels by 0 first (target.masked_fill(~valid, 0)), "
                "then mask those pixels out of every sum; test against the ignore_index argument (it may be -1), "
                "not a fixed 255")
HINT_BINCOUNT = (" — torch.bincount returns only max(value) + 1 bins: pass minlength=num_classes ** 2 so the "
                 "counts always reshape to (num_classes, num_classes), and drop ignored pixels before counting")

HINT_NEGATIVE = (" — a negative id reached torch.bincount: drop the pixels where target == ignore_index "
                 "(the argument; it may be -1, not only 255) before counting")


def _dice(solution, inputs, device):
    target = inputs["target"]
    saved = target.clone()
    logits = inputs["logits"].clone().requires_grad_(True)  # clone keeps a non-contiguous layout
    try:
        loss = solution.dice_loss(logits, target, **inputs["kwargs"])
    except (RuntimeError, IndexError) as exc:
        if bool((target == inputs["kwargs"].get("ignore_index", 255)).any()):
            exc.args = (f"{exc}{HINT_ONE_HOT}",)
        raise
    out = {"output": loss, "target unchanged": bool(torch.equal(target, saved))}
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return out  # type, shape or a missing graph is reported before gradients
    loss.backward()
    out["grad:logits"] = logits.grad
    out["device"] = loss.device.type
    # the ignored pixels' logits changed arbitrarily: the loss must not move
    ignored = (target == inputs["kwargs"].get("ignore_index", 255)).unsqueeze(1)
    noisy = torch.where(ignored, 50 * torch.randn_like(inputs["logits"]), inputs["logits"])
    with torch.no_grad():
        again = solution.dice_loss(noisy, target.clone(), **inputs["kwargs"])
    out["loss with other logits at ignored pixels"] = again
    return out


def _miou(solution, inputs, device):
    pred, target = inputs["pred"], inputs["target"]
    saved = (pred.clone(), target.clone())
    try:
        miou, per_class = solution.mean_iou(pred, target, inputs["num_classes"], **inputs["kwargs"])
    except RuntimeError as exc:
        if "invalid for input of size" in str(exc):
            exc.args = (f"{exc}{HINT_BINCOUNT}",)
        elif "non-negative" in str(exc):
            exc.args = (f"{exc}{HINT_NEGATIVE}",)
        raise
    out = {"miou": miou, "per_class": per_class,
           "inputs unchanged": bool(torch.equal(pred, saved[0]) and torch.equal(target, saved[1]))}
    if isinstance(per_class, torch.Tensor):
        out["device"] = per_class.device.type
    ignored = target == inputs["kwargs"].get("ignore_index", 255)
    other = torch.where(ignored, torch.randint_like(pred, inputs["num_classes"]), pred)
    again, _ = solution.mean_iou(other, target.clone(), inputs["num_classes"], **inputs["kwargs"])
    out["miou with other predictions at ignored pixels"] = again
    return out


def run(solution, inputs, device):
    return _dice(solution, inputs, device) if inputs["kind"] == "dice" else _miou(solution, inputs, device)
