import math

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def _miscalibrated(n, k, spread, factor, shift=0.0, dtype=torch.float32, device="cpu"):
    """Labels drawn from softmax(z): the model that outputs factor · z is off by T = factor."""
    z = spread * torch.randn(n, k, dtype=torch.float64)
    labels = torch.multinomial(torch.softmax(z, dim=1), 1).squeeze(1)
    logits = factor * z + shift * torch.randn(n, 1, dtype=torch.float64)  # a row shift leaves softmax alone
    return logits.to(dtype).to(device), labels.to(device)


def _edge_case(device):
    """Confidences exactly on the edges 0.5, 0.75 and 1.0 of 4 bins, where the bin rule decides."""
    rows = ([[0.5, 0.3, 0.2]] * 3 + [[0.4, 0.35, 0.25]] * 2 + [[0.75, 0.125, 0.125]] * 2
            + [[0.1, 0.6, 0.3]] * 2 + [[1.0, 0.0, 0.0]] + [[0.0625, 0.875, 0.0625]] * 2)
    labels = [0] * 3 + [1] * 2 + [0] * 2 + [2] * 2 + [0] + [0] * 2
    order = torch.randperm(len(rows))
    return (torch.tensor(rows, device=device)[order.to(device)],
            torch.tensor(labels, device=device)[order.to(device)])


def cases(device):
    def ece(name, probs, labels, n_bins):
        return (f"ECE: {name}, {n_bins} bins", {"part": "ece", "probs": probs, "labels": labels, "n_bins": n_bins})

    def temp(name, logits, labels):
        return (f"fit_temperature: {name}", {"part": "temperature", "logits": logits, "labels": labels})

    def softmax_case(n, k, scale, factor=2.0, dtype=torch.float32):
        """A model whose logits are factor times too large: labels come from softmax(z), probs = softmax(factor·z)."""
        z = scale * torch.randn(n, k, dtype=torch.float64, device=device)
        labels = torch.multinomial(torch.softmax(z, dim=1), 1).squeeze(1)
        return torch.softmax(factor * z, dim=1).to(dtype), labels

    edge_probs, edge_labels = _edge_case(device)
    calibrated_logits, calibrated_labels = _miscalibrated(1000, 4, 1.5, 1.0, device=device)
    high_probs = 0.9 + 0.1 * torch.rand(300, device=device)  # every confidence in (0.9, 1]
    high = torch.stack([high_probs, 1 - high_probs], dim=1)
    strided_probs, strided_labels = softmax_case(40, 9, 1.5)
    return [
        ece("200 predictions over 5 classes", *softmax_case(200, 5, 1.5), 15),
        ece("an over-confident model, 1000 predictions over 10 classes", *softmax_case(1000, 10, 2.0, 3.0), 15),
        ece("an under-confident model, 500 predictions over 4 classes", *softmax_case(500, 4, 2.0, 0.4), 15),
        ece("confidences exactly on the bin edges 0.5, 0.75 and 1.0", edge_probs, edge_labels, 4),
        ece("every confidence above 0.9 (most bins empty)", high, torch.randint(2, (300,), device=device), 15),
        ece("a very confident model (many confidences round to exactly 1.0)", *softmax_case(400, 10, 3.0, 10.0), 10),
        ece("binary, float64", *softmax_case(300, 2, 2.0, 1.5, torch.float64), 10),
        ece("a single prediction", *softmax_case(1, 6, 2.0), 15),
        ece("non-contiguous probs (a transposed view)", strided_probs.t().contiguous().t(), strided_labels, 15),
        ece("one bin: |accuracy - mean confidence|", *softmax_case(150, 3, 2.0), 1),
        temp("an over-confident model (best T near 2.5), 2000 x 10",
             *_miscalibrated(2000, 10, 1.5, 2.5, device=device)),
        temp("an under-confident model (best T near 0.5), 1500 x 5",
             *_miscalibrated(1500, 5, 2.0, 0.5, device=device)),
        temp("an almost calibrated model (best T near 1), non-contiguous logits",
             calibrated_logits.t().contiguous().t(), calibrated_labels),
        temp("a very over-confident model (best T near 20), 1000 x 10",
             *_miscalibrated(1000, 10, 1.0, 20.0, device=device)),
        temp("logits shifted by hundreds per row (softmax unchanged; exp overflows)",
             *_miscalibrated(800, 6, 1.5, 3.0, shift=500.0, device=device)),
        temp("binary, float64", *_miscalibrated(500, 2, 2.0, 1.8, dtype=torch.float64, device=device)),
        temp("a small validation set of 40 samples, 3 classes", *_miscalibrated(40, 3, 1.0, 4.0, device=device)),
        ("fit_temperature: logits straight from a model (they require grad; best T near 1.5), 600 x 5",
         {"part": "temperature", "attached": True, **dict(zip(("logits", "labels"),
                                                               _miscalibrated(600, 5, 1.5, 1.5, device=device)))}),
    ]


RTOL, ATOL = 1e-5, 1e-6
LOG_T_TOL = 0.01  # the fitted T must be within 1 % of the NLL optimum
NLL_TOL = 1e-6  # or reach the optimum's NLL this closely (the NLL is flat near its minimum)


def _ece_variants(inputs):
    """ECE as common mistakes compute it (float64), to name the mistake."""
    probs, labels, m = inputs["probs"].detach().double().cpu(), inputs["labels"].cpu(), inputs["n_bins"]
    n = probs.shape[0]
    conf, pred = probs.max(dim=1)
    correct = (pred == labels).double()
    right = torch.bucketize(conf, torch.linspace(0, 1, m + 1, dtype=torch.float64)[1:-1])
    left = (conf * m).long().clamp(max=m - 1)
    true_p = probs.gather(1, labels[:, None]).squeeze(1)

    def ece(b, c):
        return float((torch.zeros(m, dtype=torch.float64).index_add_(0, b, correct - c)).abs().sum() / n)

    counts = torch.bincount(right, minlength=m).double()
    gaps = torch.zeros(m, dtype=torch.float64).index_add_(0, right, correct - conf).abs()
    used = counts > 0
    return {
        "left_closed": ece(left, conf),
        "true_class": ece(torch.bucketize(true_p, torch.linspace(0, 1, m + 1, dtype=torch.float64)[1:-1]), true_p),
        "unweighted": float((gaps[used] / counts[used]).mean()),
        "abs_outside": abs(float((correct - conf).mean())),
        "open_bins": _open_bins(conf, correct, m),
    }


def _open_bins(conf, correct, m):
    """Bins open at both ends, lower < c < upper: confidences exactly on an edge (or 1.0) fall in no bin."""
    edges = torch.linspace(0, 1, m + 1, dtype=torch.float64)
    total = 0.0
    for lo, hi in zip(edges[:-1].tolist(), edges[1:].tolist()):
        inside = (conf > lo) & (conf < hi)
        if inside.any():
            total += float(inside.double().mean() * (correct[inside].mean() - conf[inside].mean()).abs())
    return total


ECE_TIPS = {
    "left_closed": "the bins look left-closed, [lower, upper); the standard ECE bins are (lower, upper]: a confidence "
                   "of exactly 0.5 belongs to the bin that ends at 0.5 (torch.bucketize's default, right=False, does "
                   "this with the inner edges), and 1.0 belongs to the last bin",
    "true_class": "this uses the probability of the true class as the confidence; the confidence is the top "
                  "probability (probs.max(dim=1)), the one behind the prediction, right or wrong",
    "unweighted": "this is the plain mean of the bins' gaps; weight each bin's |acc - conf| by the share of "
                  "samples in it, |B_m| / N, so that a bin with one sample counts little",
    "abs_outside": "this is |accuracy - mean confidence| over all samples: take the absolute gap inside each bin "
                   "first and then add the bins up, otherwise over- and under-confident bins cancel",
    "open_bins": "confidences exactly on a bin edge (or exactly 1.0) were left out of every bin: the bins are "
                 "(lower, upper], so lower < c <= upper, and every prediction belongs to exactly one bin",
}


def _compare_ece(expected, actual, inputs):
    got = actual.get("ece")
    if not isinstance(got, torch.Tensor):
        return (f"expected_calibration_error must return a 0-dim tensor (the probabilities' dtype, on their "
                f"device), got {type(got).__name__}")
    problem = compare_value("ECE", expected["ece"], got, RTOL, ATOL)
    if problem:
        if got.shape == () and got.isnan():
            return (problem + " — NaN comes from an empty bin: its accuracy and mean confidence are 0/0. An empty "
                    "bin adds nothing to the ECE: skip it (or sum the gaps per bin, then divide by N once)")
        if got.shape == () and got.is_floating_point():
            for mistake, value in _ece_variants(inputs).items():
                if math.isclose(float(got), value, rel_tol=1e-4, abs_tol=1e-6) and not math.isclose(
                        value, float(expected["ece"]), rel_tol=1e-4, abs_tol=1e-6):
                    return f"{problem} — {ECE_TIPS[mistake]}"
        return problem
    if actual.get("inputs_unchanged") is not True:
        return "expected_calibration_error changed its inputs in place: leave probs and labels as they were"
    return None


def _compare_temperature(expected, actual, inputs):
    if "attached_error" in actual:
        return (f"fit_temperature failed on logits that come from a model and still require grad "
                f"({actual['attached_error']}): every backward also ran into the model's graph, which is freed "
                f"after the first one. The model is fixed: detach the logits first (logits = logits.detach()), "
                f"so that only T gets a gradient")
    if actual.get("model_grad"):
        return ("the gradient flowed back into the model that produced the logits (its parameters got a .grad): "
                "the model is fixed, only T learns; detach the logits first (logits = logits.detach())")
    kind = actual.get("type")
    if kind != "float":
        value = actual.get("value")
        shown = f" ({value:.4g})" if isinstance(value, float) else ""
        return (f"fit_temperature must return T as a plain Python float, got {kind}{shown}: "
                f"return T.item(), a float detached from the graph")
    if "T" not in actual:
        return (f"T must be positive and finite, got {actual.get('value')}: optimise log T and return "
                f"exp(log T), which is always positive")
    t, best = actual["T"], expected["T"]
    if actual.get("inputs_unchanged") is not True:
        return ("fit_temperature changed its inputs in place (logits /= T or logits.div_(T)?): the logits "
                "belong to the caller; compute logits / T as a new tensor")
    close = abs(math.log(t) - math.log(best)) <= LOG_T_TOL
    flat = actual["nll_at_T"] - expected["nll_at_T"] <= NLL_TOL * max(1.0, expected["nll_at_T"])
    if close or flat:
        return None
    message = (f"T = {t:.4g}, but the NLL of logits / T is lowest at T = {best:.4g} "
               f"(NLL {actual['nll_at_T']:.5f} at your T, {expected['nll_at_T']:.5f} at the optimum)")
    if abs(math.log(t) + math.log(best)) <= 0.05 and abs(math.log(best)) > 0.1:
        return (message + " — your T is about 1 / T*: temperature scaling divides the logits by T "
                "(softmax(logits / T)); multiplying by T learns the reciprocal")
    if actual["nll_at_T"] > actual["nll_at_1"] + 1e-9:
        return (message + " — your T gives a higher NLL than no scaling at all (T = 1): check the starting point "
                "and the direction of the update, and run the optimiser until the NLL stops falling")
    return (message + " — the optimisation stopped before the minimum (too few steps, or a tiny learning rate): "
            "optimise log T with torch.optim.LBFGS(..., line_search_fn='strong_wolfe'), or run until the "
            "gradient is about 0; a best T can be far from 1, such as 20")


def compare(name, inputs, expected, actual):
    if inputs["part"] == "ece":
        return _compare_ece(expected, actual, inputs)
    return _compare_temperature(expected, actual, inputs)
