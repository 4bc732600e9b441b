import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def _case(name, x, classes, lam, smoothing=0.0):
    b, dtype = x.shape[0], x.dtype
    y = F.one_hot(torch.randint(classes, (b,)), classes).to(dtype)
    if smoothing:
        y = y * (1 - smoothing) + smoothing / classes
    perm = torch.randperm(b)
    if b > 1 and bool((perm == torch.arange(b)).all()):
        perm = perm.roll(1)  # every sample gets a partner other than itself
    logits = 2 * torch.randn(b, classes, dtype=dtype)
    targets = lam * y + (1 - lam) * y[perm]  # what mixup gives for this batch
    return f"{name}, λ = {lam}", {"x": x, "y": y, "lam": lam, "perm": perm, "logits": logits, "targets": targets}


def cases(device):
    return [
        _case("4 images, one-hot labels", torch.randn(4, 3, 8, 8), 5, 0.7),
        _case("batch of one (perm = [0])", torch.randn(1, 3, 4, 4), 3, 0.35),
        _case("feature vectors, label-smoothed targets, float64", torch.randn(6, 10, dtype=torch.float64), 4, 0.85,
              smoothing=0.1),
        _case("1-channel 1x1 images, two classes", torch.randn(5, 1, 1, 1), 2, 0.2),
        _case("channels-last (non-contiguous) images", torch.randn(3, 6, 6, 2).permute(0, 3, 1, 2), 10, 0.6),
    ]


RTOL, ATOL = 1e-5, 1e-5


def _close(actual, candidate):
    return (isinstance(actual, torch.Tensor) and actual.shape == candidate.shape
            and torch.allclose(actual.double().cpu(), candidate.double().cpu(), rtol=1e-4, atol=1e-6))


def _diagnose(key, inputs, actual):
    """A hint for a mistake we can recognise from the values."""
    lam, perm = inputs["lam"], inputs["perm"]
    if key in ("x_mixed", "y_mixed"):
        v = inputs["x" if key == "x_mixed" else "y"]
        if _close(actual, (1 - lam) * v + lam * v[perm]):
            what = "image" if key == "x_mixed" else "label"
            return (f" — the {what} weights are swapped: sample i keeps weight lam and its partner perm[i] gets "
                    f"1 − lam, in x_mixed and y_mixed alike")
    if key == "loss":
        logits, targets = inputs["logits"], inputs["targets"]
        if _close(actual, F.cross_entropy(logits, targets.argmax(dim=-1))):
            return (" — this is the cross-entropy with hard labels (targets.argmax): the mixed target keeps both "
                    "classes with weights lam and 1 − lam, so use the soft targets themselves")
        if _close(actual, -(targets * F.log_softmax(logits, dim=0)).sum(dim=-1).mean()):
            return " — log_softmax ran over the batch (dim=0); normalise over the classes (dim=-1)"
        if _close(actual, -(targets * F.log_softmax(logits, dim=-1)).sum()):
            return " — this is the sum over the batch; average the per-sample losses (mean)"
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            if "values differ" in problem:
                problem += _diagnose(key, inputs, actual[key])
            return problem
    return None
