import importlib.util
from pathlib import Path

import torch

from quizzer.practice.compare import compare_value

_spec = importlib.util.spec_from_file_location("d10_bootstrap_probe", Path(__file__).with_name("probe.py"))
_probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_probe)
METRICS = _probe.METRICS


def _case(name, metric, preds, targets, n_resamples, alpha, seed, strided=False):
    level = f"{100 * (1 - alpha):g} %"
    return (f"{name}; {n_resamples} resamples, {level} interval",
            {"metric": metric, "preds": preds, "targets": targets, "n_resamples": n_resamples, "alpha": alpha,
             "seed": seed, "strided": strided})


def _classifier(n, k, right):
    """Predictions that agree with the targets with probability about `right`."""
    targets = torch.randint(k, (n,))
    preds = torch.where(torch.rand(n) < right, targets, torch.randint(k, (n,)))
    return preds, targets


def cases(device):
    acc_p, acc_t = _classifier(200, 5, 0.8)
    truth = 1e6 * torch.randn(300, dtype=torch.float64)
    heavy = truth + 1e6 * torch.randn(300, dtype=torch.float64) / (torch.rand(300, dtype=torch.float64) + 0.05)
    pair_t = torch.randint(3, (150,))
    pair_p = torch.stack([torch.where(torch.rand(150) < right, pair_t, torch.randint(3, (150,)))
                          for right in (0.75, 0.65)], dim=1)
    rare_t = (torch.rand(400) < 0.05).long()
    rare_p = torch.where(torch.rand(400) < 0.9, rare_t, 1 - rare_t)
    probs = torch.rand(250)
    outcome = (torch.rand(250) < probs).float()
    one_p, one_t = _classifier(60, 4, 0.7)

    def on(*ts):
        return [t.to(device) for t in ts]

    return [
        _case("accuracy of 200 predictions over 5 classes", "accuracy", *on(acc_p, acc_t), 1000, 0.05, 0),
        _case("MAE of heavy-tailed float64 errors around 1e6", "mae", *on(heavy, truth), 800, 0.1, 1),
        _case("accuracy difference of two models on the same 150 samples (preds (150, 2))", "accuracy_gap",
              *on(pair_p, pair_t), 1000, 0.05, 2),
        _case("a single sample (n = 1): every resample is the same", "accuracy",
              *on(torch.tensor([3]), torch.tensor([3])), 200, 0.05, 3),
        _case("binary F1 of a rare class (about 5 % positives)", "f1", *on(rare_p, rare_t), 2000, 0.01, 4),
        _case("Brier score, non-contiguous predictions (a strided view)", "brier",
              *on(probs, outcome), 500, 0.2, 5, strided=True),
        _case("a single resample (n_resamples = 1)", "accuracy", *on(one_p, one_t), 1, 0.05, 6),
    ]


RTOL, ATOL = 1e-5, 1e-6


def _variants(inputs):
    """The interval as common mistakes compute it, on the same generator stream, to name the mistake."""
    preds, targets, b, alpha = inputs["preds"], inputs["targets"], inputs["n_resamples"], inputs["alpha"]
    metric, device, n = METRICS[inputs["metric"]], preds.device, preds.shape[0]

    def generator():
        return torch.Generator(device=device).manual_seed(inputs["seed"])

    def interval(stats, lo, hi, how="linear"):
        return torch.quantile(stats, torch.tensor([lo, hi], dtype=stats.dtype, device=device), interpolation=how)

    idx = torch.randint(0, n, (b, n), generator=generator(), device=device)
    stats = metric(preds[idx], targets[idx])
    g = generator()
    first = torch.randint(0, n, (b, n), generator=g, device=device)
    second = torch.randint(0, n, (b, n), generator=g, device=device)
    flipped = torch.randint(0, n, (n, b), generator=generator(), device=device).t()
    whole = metric(preds[None], targets[None])[0]
    found = {"not_halved": interval(stats, alpha, 1 - alpha),
             "unpaired": interval(metric(preds[first], targets[second]), alpha / 2, 1 - alpha / 2),
             "flipped": interval(metric(preds[flipped], targets[flipped]), alpha / 2, 1 - alpha / 2),
             "basic": 2 * whole - interval(stats, alpha / 2, 1 - alpha / 2).flip(0)}
    for how in ("lower", "higher", "nearest", "midpoint"):
        found[how] = interval(stats, alpha / 2, 1 - alpha / 2, how)
    return {k: v.cpu() for k, v in found.items()}


TIPS = {
    "not_halved": "this is the interval from the alpha and 1 - alpha quantiles: a two-sided 1 - alpha interval "
                  "cuts alpha / 2 from each tail (0.025 and 0.975 for 95 %)",
    "unpaired": "this matches drawing separate indices for preds and targets: use the same indices for both, "
                "so that each resample keeps whole (prediction, target) pairs",
    "flipped": "this matches drawing the indices with shape (n, n_resamples) and transposing: draw them as "
               "(n_resamples, n), one row per resample, so the random stream lines up with the reference",
    "basic": "this is the basic (reverse-percentile) bootstrap, 2·estimate - quantiles; the percentile interval "
             "is the quantiles of the resampled metric themselves",
    "lower": "these are order statistics without interpolation; use torch.quantile, whose default "
             "interpolation='linear' interpolates between neighbouring values",
}
TIPS["higher"] = TIPS["nearest"] = TIPS["lower"]
TIPS["midpoint"] = ("this is torch.quantile with interpolation='midpoint'; the percentile interval here uses the "
                    "default, interpolation='linear'")
FALLBACK = ("the same generator seed gives the reference's resamples only from exactly one call "
            "torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device), with n = preds.shape[0] "
            "(randint's upper bound is exclusive), indexing preds and targets with those indices and taking "
            "torch.quantile of the metric values at alpha / 2 and 1 - alpha / 2")


def _diagnose(inputs, expected, actual):
    got = actual["ci"]
    if not actual.get("rng_untouched"):
        return ("the global RNG was used (torch.randint or torch.randperm without generator=?): draw the indices "
                "from the generator you are given, so that the same generator seed gives the same interval")
    exp = expected["ci"]
    width, expected_width = float(got[1] - got[0]), float(exp[1] - exp[0])
    scale = abs(float(exp[0])) + abs(float(exp[1])) + 1e-12
    if abs(width) <= 1e-5 * scale < expected_width:
        return ("the interval has zero width: every resample gave the same value. Resample WITH replacement "
                "(torch.randint): a permutation of the data is the same data, so its metric never changes")
    for mistake, ci in _variants(inputs).items():
        if ci.shape == got.shape and torch.allclose(got.double(), ci.double(), rtol=1e-5, atol=1e-6) and not \
                torch.allclose(exp.double(), ci.double(), rtol=1e-5, atol=1e-6):
            return TIPS[mistake]
    return FALLBACK


def compare(name, inputs, expected, actual):
    if actual.get("type") != "Tensor":
        return (f"bootstrap_ci must return a tensor of shape (2,), [low, high], got {actual.get('type')}: "
                f"torch.quantile with a q tensor of the two levels gives exactly that")
    n, b = inputs["preds"].shape[0], inputs["n_resamples"]
    if actual["n_calls"] != 1:
        return (f"metric was called {actual['n_calls']} times: call it once, on all resamples stacked into one "
                f"batch (preds[idx] with idx of shape (n_resamples, n)); it returns one value per resample")
    want = [b, n] + list(inputs["preds"].shape[1:])
    seen = actual["metric_calls"][0][0]
    if seen != want:
        return (f"metric received preds of shape {tuple(seen)}, expected {tuple(want)}: index with a (n_resamples, "
                f"n) tensor of indices, so that row b is resample b")
    problem = compare_value("interval", expected["ci"], actual["ci"], RTOL, ATOL)
    if problem:
        tip = _diagnose(inputs, expected, actual) if "values differ" in problem else ""
        return f"{problem} — {tip}" if tip else problem
    if actual["device"] != inputs["preds"].device.type:
        return f"the interval is on {actual['device']}, but the inputs are on {inputs['preds'].device.type}"
    if not actual["rng_untouched"]:
        return ("the global RNG state changed (torch.randint without generator=, or torch.manual_seed?): draw "
                "only from the generator you are given")
    if not torch.equal(actual["generator_state"], expected["generator_state"]):
        return ("the generator ended in another state than after one torch.randint(0, n, (n_resamples, n), "
                "generator=generator) call: draw all indices in that single call and nothing else")
    if not actual["inputs_unchanged"]:
        return "preds or targets were changed in place: leave the caller's tensors as they were"
    return None
