import torch

from quizzer.practice.compare import compare_value

KEYS = ("confusion", "precision", "recall", "f1", "macro_f1")


def _labels(n, k, device, exclude=None):
    allowed = torch.tensor([c for c in range(k) if c != exclude], device=device)
    return allowed[torch.randint(len(allowed), (n,), device=device)]


def cases(device):
    k5 = 5  # class 3 is never predicted, class 4 never occurs: every 0/0 the rule covers
    strided_p = torch.randint(2, (40,), device=device)
    strided_t = torch.randint(2, (40,), device=device)
    return [
        ("3 classes, 24 samples", {"preds": torch.randint(3, (24,), device=device),
                                   "targets": torch.randint(3, (24,), device=device), "num_classes": 3}),
        ("class 3 never predicted, class 4 never present", {"preds": _labels(30, k5, device, exclude=3),
                                                            "targets": _labels(30, k5, device, exclude=4),
                                                            "num_classes": k5}),
        ("a single sample, 4 classes", {"preds": torch.tensor([2], device=device),
                                        "targets": torch.tensor([2], device=device), "num_classes": 4}),
        ("one class only", {"preds": torch.zeros(6, dtype=torch.long, device=device),
                            "targets": torch.zeros(6, dtype=torch.long, device=device), "num_classes": 1}),
        ("binary, every other sample (strided)", {"preds": strided_p[::2], "targets": strided_t[1::2],
                                                  "num_classes": 2}),
        ("7 classes, 200 samples", {"preds": torch.randint(7, (200,), device=device),
                                    "targets": torch.randint(7, (200,), device=device), "num_classes": 7}),
    ]


def _close(a, b):
    return (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.shape == b.shape
            and a.is_floating_point() and torch.allclose(a.double(), b.double(), rtol=1e-5, atol=1e-6))


def _diagnose(key, exp, act):
    """A sentence that points at the usual mistake behind a wrong entry, or ''."""
    got = act.get(key)
    if isinstance(got, torch.Tensor) and got.is_floating_point() and got.isnan().any():
        return (" — NaN comes from 0/0: a class never predicted (precision), never present (recall) or never predicted "
                "correctly (2PR/(P+R) with P = R = 0); the rule says that metric is 0: divide by `den.clamp(min=1)`, "
                "or use F1 = 2·TP / (2·TP + FP + FN)")
    if key == "confusion" and isinstance(got, torch.Tensor) and got.shape == exp[key].shape and got.dim() == 2 \
            and torch.equal(got.to(exp[key].dtype), exp[key].t()):
        return " — it looks transposed: rows must be the true class (targets), columns the predicted class (preds)"
    if key == "precision" and _close(got, exp["recall"]):
        return (" — these are the recall values: precision divides the diagonal by the column sums "
                "(how often each class was predicted), recall by the row sums (how often it truly occurs)")
    if key == "recall" and _close(got, exp["precision"]):
        return (" — these are the precision values: recall divides the diagonal by the row sums "
                "(how often each class truly occurs), precision by the column sums")
    if key == "macro_f1" and isinstance(got, torch.Tensor) and got.numel() == 1:
        p, r = exp["precision"].double().mean(), exp["recall"].double().mean()
        f1_of_means = 2 * p * r / (p + r) if p + r > 0 else torch.tensor(0.0, dtype=torch.float64)
        if abs(got.double().item() - f1_of_means.item()) < 1e-5:
            return (" — this is the F1 of the mean precision and mean recall; macro-F1 is the mean of the per-class "
                    "F1 scores: `f1.mean()`")
        present = (exp["confusion"].sum(0) + exp["confusion"].sum(1)) > 0
        if abs(got.double().item() - exp["f1"].double()[present].mean().item()) < 1e-5:
            return " — average over all K classes, including those that appear nowhere (their F1 is 0)"
    return ""


def compare(name, inputs, expected, actual):
    if "output" in actual:
        got = actual["output"]
        return f"expected a dict with keys {', '.join(KEYS)}, got {type(got).__name__}"
    for key in KEYS:
        if actual.get(key) is None:
            return f"the dict has no entry {key!r} (expected keys: {', '.join(KEYS)})"
        problem = compare_value(key, expected[key], actual[key], 1e-5, 1e-6)
        if problem:
            return problem + _diagnose(key, expected, actual)
    return None
