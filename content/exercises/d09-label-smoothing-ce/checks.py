import math

import torch

from quizzer.practice.compare import compare_value


def cases(device):
    def targets(n, k, ignored=(), ignore_index=-100):
        t = torch.randint(0, k, (n,), device=device)
        t[list(ignored)] = ignore_index
        return t

    def case(name, logits, target, eps, ignore_index=-100):
        return (name, {"logits": logits, "target": target, "eps": eps, "ignore_index": ignore_index})

    pad = targets(12, 4)
    pad[[0, 5, 6, 11]] = 0  # padding class 0, ignored
    pad[[1, 2]] = torch.tensor([1, 3], device=device)
    return [
        case("8 samples, 5 classes, eps = 0.1", torch.randn(8, 5, device=device), targets(8, 5), 0.1),
        case("3 of 10 targets ignored (ignore_index = -100), eps = 0.2", torch.randn(10, 6, device=device),
             targets(10, 6, ignored=(1, 4, 8)), 0.2),
        case("batch of one, eps = 0.1", torch.randn(1, 7, device=device), targets(1, 7), 0.1),
        case("float64, padding class 0 ignored (ignore_index = 0), eps = 0.25",
             torch.randn(12, 4, dtype=torch.float64, device=device), pad, 0.25, ignore_index=0),
        case("non-contiguous logits, eps = 0.1", torch.randn(6, 9, device=device).t(), targets(9, 6), 0.1),
        case("very confident logits (scale 60), eps = 0.1", 60 * torch.randn(16, 10, device=device),
             targets(16, 10, ignored=(3,)), 0.1),
        case("eps = 0 is plain cross-entropy", torch.randn(5, 3, device=device), targets(5, 3, ignored=(2,)), 0.0),
    ]


# a mean of logs: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-6


def _variants(inputs):
    """The loss as several common mistakes compute it (float64), to name the mistake."""
    logits = inputs["logits"].detach().cpu().double()
    target, eps, ignore = inputs["target"].cpu(), inputs["eps"], inputs["ignore_index"]
    n, k = logits.shape
    keep = target != ignore
    log_p = torch.log_softmax(logits, dim=1)
    nll = -log_p.gather(1, target.masked_fill(~keep, 0)[:, None]).squeeze(1)
    rest = -log_p.sum(1) - nll  # -sum of log p over the K - 1 wrong classes
    smoothed = ((1 - eps) * nll + eps * (nll + rest) / k).masked_fill(~keep, 0)
    over_k_minus_1 = ((1 - eps) * nll + eps * rest / max(k - 1, 1)).masked_fill(~keep, 0)
    count = int(keep.sum())
    return {
        "k_minus_1": float(over_k_minus_1.sum()) / count,
        "batch_mean": float(smoothed.sum()) / n,
        "sum": float(smoothed.sum()),
        "unsmoothed": float(nll.masked_fill(~keep, 0).sum()) / count,
    }


TIPS = {
    "k_minus_1": "this matches spreading eps over the K - 1 wrong classes only; PyTorch spreads eps over all "
                 "K classes, the true one included: q = (1 - eps)·one_hot + eps / K",
    "batch_mean": "this matches dividing by the batch size; ignored targets must be left out of the mean: "
                  "divide the sum by the number of targets that are not ignore_index",
    "sum": "this is the sum of the per-sample losses; reduction='mean' divides it by the number of targets "
           "that are not ignore_index",
    "unsmoothed": "this is plain cross-entropy: the eps · mean(-log p) smoothing term is missing",
}


def _diagnose(key, inputs, actual):
    value = actual.get(key)
    if key != "output":
        if value is None:
            return ("the loss is not connected to the logits' autograd graph (a .detach(), .item(), "
                    ".data or torch.no_grad()?)")
        return ""
    if not isinstance(value, torch.Tensor):
        return "return the loss as a tensor (no .item() or float()), so that gradients can flow"
    if value.shape != ():
        return ("reduction='mean' returns one number: average the per-sample losses over the targets "
                "that are not ignore_index")
    got = float(value)
    if not math.isfinite(got):
        return ("the loss is not finite although the reference is: log(softmax(x)) underflows to log(0) = -inf "
                "for confident logits; use torch.log_softmax, which computes x - logsumexp(x) stably")
    for mistake, loss in _variants(inputs).items():
        if math.isclose(got, loss, rel_tol=1e-4, abs_tol=1e-6):
            return TIPS[mistake]
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _diagnose(key, inputs, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
