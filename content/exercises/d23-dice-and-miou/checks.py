"""Hidden cases for dice_loss and mean_iou, and a comparison that names the usual mistake."""

import math

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value

RTOL, ATOL = 1e-5, 1e-6


def _target(shape, num_classes, device, ignored=0.0, ignore_index=255, weights=None):
    if weights is None:
        t = torch.randint(0, num_classes, shape, device=device)
    else:
        t = torch.multinomial(torch.tensor(weights, dtype=torch.float), math.prod(shape), replacement=True)
        t = t.reshape(shape).to(device)
    if ignored:
        t = torch.where(torch.rand(shape, device=device) < ignored, torch.full_like(t, ignore_index), t)
    return t


def cases(device):
    def dice(name, logits, target, **kwargs):
        return (name, {"kind": "dice", "logits": logits, "target": target, "kwargs": kwargs})

    def miou(name, pred, target, num_classes, **kwargs):
        return (name, {"kind": "miou", "pred": pred, "target": target, "num_classes": num_classes,
                       "kwargs": kwargs})

    perfect_t = _target((2, 5, 6), 3, device, ignored=0.2)
    perfect = 40 * F.one_hot(perfect_t.masked_fill(perfect_t == 255, 0), 3).permute(0, 3, 1, 2).float()
    perfect = torch.where((perfect_t == 255).unsqueeze(1), 40 * torch.randn_like(perfect), perfect)
    imbalanced_t = _target((2, 8, 8), 3, device, weights=[0.9, 0.08, 0.02])
    imbalanced = torch.randn(2, 3, 8, 8, device=device)
    imbalanced[:, 0] += 2.0  # a model that mostly predicts the majority class
    absent_t = _target((2, 4, 5), 4, device, ignored=0.1)
    absent_t = torch.where(absent_t == 3, torch.ones_like(absent_t), absent_t)  # class 3 absent

    hand_t = torch.tensor([[[0, 0, 1, 1], [0, 2, 2, 255], [1, 1, 2, 255]]], device=device)
    hand_p = torch.tensor([[[0, 1, 1, 1], [0, 2, 1, 0], [1, 0, 2, 2]]], device=device)
    rand_t = _target((2, 8, 8), 5, device, ignored=0.15)
    rand_t = torch.where(rand_t == 4, torch.full_like(rand_t, 255), rand_t)  # class 4 in neither
    rand_p = torch.randint(0, 4, (2, 8, 8), device=device)
    fp_t = torch.tensor([[[0, 0, 1], [1, 1, 0]]], device=device)
    fp_p = torch.tensor([[[0, 2, 1], [1, 2, 0]]], device=device)  # class 2 predicted, never true
    perfect_m = _target((3, 6, 6), 4, device, ignored=0.1)
    perfect_m = torch.where(perfect_m == 3, torch.full_like(perfect_m, 255), perfect_m)  # classes 3-5 absent
    return [
        dice("4 classes, batch of 2, 6x7 pixels, about 15% ignored (255)", torch.randn(2, 4, 6, 7, device=device),
             _target((2, 6, 7), 4, device, ignored=0.15), ignore_index=255, smooth=1.0),
        dice("perfect, confident prediction with ignored pixels: loss ~ 0", perfect, perfect_t),
        dice("imbalanced: class 0 covers ~90% of the pixels, class 2 ~2%", imbalanced, imbalanced_t,
             ignore_index=255, smooth=1.0),
        dice("batch of one, float64, channels-last (non-contiguous) logits",
             torch.randn(1, 5, 6, 3, dtype=torch.float64, device=device).permute(0, 3, 1, 2),
             _target((1, 5, 6), 3, device, ignored=0.2), ignore_index=255, smooth=1.0),
        dice("class 3 absent from the target, smooth = 0.5, ignore_index = -1",
             3 * torch.randn(2, 4, 4, 5, device=device),
             torch.where(absent_t == 255, torch.full_like(absent_t, -1), absent_t), ignore_index=-1, smooth=0.5),
        dice("every pixel ignored: the loss is 0", torch.randn(2, 3, 3, 4, device=device),
             torch.full((2, 3, 4), 255, device=device), ignore_index=255, smooth=1.0),
        miou("hand-counted 3x4 map, 3 classes, 2 pixels ignored", hand_p, hand_t, 3, ignore_index=255),
        miou("5 classes, 2x8x8, ~15% ignored, class 4 in neither prediction nor target", rand_p, rand_t, 5,
             ignore_index=255),
        miou("class 2 predicted but absent from the target: its IoU is 0 and it counts", fp_p, fp_t, 3),
        miou("perfect prediction, classes 3-5 absent: mIoU = 1",
             torch.where(perfect_m == 255, torch.randint_like(perfect_m, 6), perfect_m), perfect_m, 6,
             ignore_index=255),
        miou("ignore_index = -1 (not 255), 4 classes, batch of 2", rand_p.clamp(max=3),
             torch.where(rand_t == 255, torch.full_like(rand_t, -1), rand_t.clamp(max=3)), 4, ignore_index=-1),
        miou("ignore_index = 0: class 0 is the ignore label, so its IoU is NaN", hand_p.clamp(max=2),
             hand_t.masked_fill(hand_t == 255, 0), 3, ignore_index=0),
        miou("every pixel ignored: mIoU is nan, every per-class IoU is NaN", torch.randint(0, 3, (1, 2, 3), device=device),
             torch.full((1, 2, 3), 255, device=device), 3, ignore_index=255),
    ]


def _dice_variants(inputs):
    """The loss as common mistakes compute it (float64), to name the mistake."""
    logits = inputs["logits"].detach().cpu().double()
    target = inputs["target"].cpu()
    ignore = inputs["kwargs"].get("ignore_index", 255)
    smooth = inputs["kwargs"].get("smooth", 1.0)
    c = logits.shape[1]
    valid = target != ignore
    onehot = F.one_hot(target.masked_fill(~valid, 0), c).permute(0, 3, 1, 2).double()
    mask = valid.unsqueeze(1).double()

    def loss(probs, oh, dims=(0, 2, 3), num=smooth, den=smooth, masked_p=True, masked_t=True):
        p = probs * mask if masked_p else probs
        t = oh * mask if masked_t else oh
        d = (2 * (p * t).sum(dims) + num) / (p.sum(dims) + t.sum(dims) + den)
        return float(1 - d.mean())

    soft = torch.softmax(logits, 1)
    return {
        "ignored_in_denominator": loss(soft, onehot, masked_p=False),
        "ignored_as_class_0": loss(soft, onehot, masked_p=False, masked_t=False),
        "softmax_h": loss(torch.softmax(logits, 2), onehot),
        "softmax_w": loss(torch.softmax(logits, 3), onehot),
        "sigmoid": loss(torch.sigmoid(logits), onehot),
        "global": loss(soft, onehot, dims=(0, 1, 2, 3)),
        "per_image": loss(soft, onehot, dims=(2, 3)),
        "smooth_numerator": loss(soft, onehot, den=0.0),
        "smooth_denominator": loss(soft, onehot, num=0.0),
    }


DICE_TIPS = {
    "ignored_in_denominator": "this matches counting the ignored pixels' probabilities in sum(p): multiply the "
                              "probabilities by the valid mask too, not only the one-hot target",
    "ignored_as_class_0": "this matches treating ignored pixels as class 0: after replacing them by 0 for one_hot, "
                          "mask them out of the probabilities and of the one-hot target",
    "softmax_h": "this matches a softmax over dim 2 (the height): the class scores are dim 1 of (B, C, H, W)",
    "softmax_w": "this matches a softmax over the last dim (the width): the class scores are dim 1 of (B, C, H, W)",
    "sigmoid": "this matches sigmoid probabilities: for C mutually exclusive classes use a softmax over dim 1",
    "global": "this is one dice over all classes together (dominated by the big classes); compute one dice per "
              "class (sum over dims 0, 2, 3) and average the C values, so small classes count as much as large",
    "per_image": "this matches a dice per image and class, then the mean: sum over the batch as well "
                 "(dims 0, 2, 3), one dice per class",
    "smooth_numerator": "this matches adding smooth to the numerator only: add it to numerator and denominator, "
                        "(2·sum(p·t) + smooth) / (sum(p) + sum(t) + smooth)",
    "smooth_denominator": "this matches adding smooth to the denominator only: add it to both, "
                          "(2·sum(p·t) + smooth) / (sum(p) + sum(t) + smooth)",
}


def _miou_variants(inputs):
    pred, target, k = inputs["pred"].cpu(), inputs["target"].cpu(), inputs["num_classes"]
    ignore = inputs["kwargs"].get("ignore_index", 255)
    valid = target != ignore
    t, p = target[valid], pred[valid]
    conf = torch.bincount(k * t + p, minlength=k * k).reshape(k, k).double()
    tp, rows, cols = conf.diagonal(), conf.sum(1), conf.sum(0)
    iou = tp / (rows + cols - tp)
    return {
        "absent_as_zero": float(iou.nan_to_num(0.0).mean()),
        "target_classes_only": float(iou[rows > 0].mean()) if bool((rows > 0).any()) else math.nan,
        "dice_not_iou": float((2 * tp / (rows + cols)).nanmean()),
        "pixel_accuracy": float(tp.sum() / conf.sum()),
    }


MIOU_TIPS = {
    "absent_as_zero": "this matches counting classes absent from both prediction and target as IoU 0; their "
                      "IoU is 0/0, undefined: leave it NaN and average with torch.nanmean",
    "target_classes_only": "this matches averaging only over classes present in the target; a class that is "
                           "predicted but never true has IoU 0 (all false positives) and must count",
    "dice_not_iou": "this is the mean Dice (F1), 2TP / (2TP + FP + FN); IoU is TP / (TP + FP + FN)",
    "pixel_accuracy": "this is the pixel accuracy (correct / valid pixels), not the mean IoU over classes",
}


def _per_class_iou(pred, target, k, valid):
    t, p = target[valid], pred[valid]
    conf = torch.bincount(k * t + p, minlength=k * k).reshape(k, k).double()
    tp = conf.diagonal()
    return tp / (conf.sum(0) + conf.sum(1) - tp)


def _per_class_tip(inputs, per_class):
    """Names the mistake when ignore_index is a class id (0 here): pixels are kept or dropped wrongly."""
    pred, target, k = inputs["pred"].cpu(), inputs["target"].cpu(), inputs["num_classes"]
    ignore = inputs["kwargs"].get("ignore_index", 255)
    if not 0 <= ignore < k:
        return None
    got = per_class.detach().cpu().double()
    variants = {
        "range": ((target >= 0) & (target < k),
                  f" — pixels whose target equals ignore_index (here {ignore}, a valid class id) must be dropped: "
                  "test target != ignore_index (the argument), not whether the id is in [0, num_classes)"),
        "pred": ((target != ignore) & (pred != ignore),
                 " — only the TARGET marks ignored pixels: a prediction equal to ignore_index is an ordinary "
                 "prediction of that class and counts"),
    }
    for valid, tip in variants.values():
        if torch.allclose(got, _per_class_iou(pred, target, k, valid), rtol=1e-5, atol=1e-6, equal_nan=True):
            return tip
    return None


def _close(a, b):
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6)


def _compare_dice(inputs, expected, actual):
    loss = actual.get("output")
    if not isinstance(loss, torch.Tensor):
        return f"return the loss as a tensor (no .item() or float()), so gradients can flow; got {type(loss).__name__}"
    if loss.shape != ():
        return (f"expected a 0-dim tensor (1 - the mean over classes of the per-class dice), got shape "
                f"{tuple(loss.shape)}")
    if not actual.get("target unchanged", True):
        return "dice_loss changed `target` in place: mask a copy (target.masked_fill(...) returns a new tensor)"
    if "grad:logits" not in actual:
        return ("the loss is not connected to the logits' autograd graph (a .detach(), .item(), .data, argmax "
                "or torch.no_grad()?): dice needs the softmax probabilities, not hard predictions")
    problem = compare_value("output", expected["output"], loss, RTOL, ATOL)
    if problem and loss.dtype != expected["output"].dtype:
        return (f"{problem} — keep the logits' dtype: no .float() or float32 constants; "
                "softmax, one_hot(...).to(probs.dtype) and the sums all follow logits.dtype")
    if problem:
        for mistake, value in _dice_variants(inputs).items():
            if _close(float(loss), value) and not _close(float(expected["output"]), value):
                return f"{problem} — {DICE_TIPS[mistake]}"
        return problem
    problem = compare_value("grad:logits", expected["grad:logits"], actual["grad:logits"], RTOL, ATOL)
    if problem:
        return problem
    again = actual.get("loss with other logits at ignored pixels")
    if compare_value("output", expected["output"], again, RTOL, ATOL):
        return ("changing the logits of ignored pixels changed the loss: ignored pixels must be left out of "
                "every sum (numerator and denominator)")
    if actual.get("device") != expected["device"]:
        return f"the loss is on {actual.get('device')}, the logits on {expected['device']}: create tensors on logits.device"
    return None


def _compare_miou(inputs, expected, actual):
    miou, per_class = actual.get("miou"), actual.get("per_class")
    if isinstance(miou, torch.Tensor) or not isinstance(miou, float):
        return f"the mIoU must be a Python float (use float(...) or .item()), got {type(miou).__name__}"
    if not isinstance(per_class, torch.Tensor) or not per_class.is_floating_point():
        got = per_class.dtype if isinstance(per_class, torch.Tensor) else type(per_class).__name__
        return f"per_class must be a floating tensor of shape (num_classes,), got {got}"
    if tuple(per_class.shape) != (inputs["num_classes"],):
        return f"per_class: expected shape ({inputs['num_classes']},), got {tuple(per_class.shape)}"
    if not actual.get("inputs unchanged", True):
        return "mean_iou changed `pred` or `target` in place: work on masked copies (boolean indexing copies)"
    problem = compare_value("per_class", expected["per_class"].double(), per_class.double(), 1e-5, 1e-6)
    if problem:
        tip = _per_class_tip(inputs, per_class)
        if tip:
            problem += tip
        elif bool((expected["per_class"].isnan() & ~per_class.isnan()).any()):
            problem += (" — a class absent from both prediction and target has IoU 0/0: leave it NaN so "
                        "the mean can skip it")
        elif bool((expected["per_class"] != per_class.to(expected["per_class"].dtype)).any()):
            problem += " — per-class IoU = TP / (TP + FP + FN), counted from the confusion matrix of valid pixels"
        return problem
    if not _close(miou, expected["miou"]):
        tip = ""
        if math.isnan(miou):
            tip = " — torch.mean propagates NaN: average with torch.nanmean, which skips the absent classes"
        else:
            for mistake, value in _miou_variants(inputs).items():
                if _close(miou, value):
                    tip = f" — {MIOU_TIPS[mistake]}"
                    break
        return f"miou: expected {expected['miou']:.6g}, got {miou:.6g}{tip}"
    again = actual.get("miou with other predictions at ignored pixels")
    if not isinstance(again, float) or not _close(again, expected["miou"]):
        return "changing the predictions at ignored pixels changed the mIoU: drop pixels where target == ignore_index"
    if actual.get("device") != expected["device"]:
        return f"per_class is on {actual.get('device')}, the inputs on {expected['device']}"
    return None


def compare(name, inputs, expected, actual):
    if inputs["kind"] == "dice":
        return _compare_dice(inputs, expected, actual)
    return _compare_miou(inputs, expected, actual)
