import torch

from quizzer.practice.compare import compare_value


def _case(name, sizes, c, h, w, dtype=torch.float32, offset=0.0, scale=1.0, non_contiguous=False, image=False):
    def make(*shape):
        if non_contiguous:  # stored as (…, W, H) and transposed: a view with swapped strides
            return torch.randn(*shape[:-2], shape[-1], shape[-2], dtype=dtype).transpose(-1, -2)
        return torch.randn(*shape, dtype=dtype)

    # each channel gets its own centre and spread, as in real images (elementwise ops keep the strides)
    centre = torch.randn(c, 1, 1, dtype=dtype)
    spread = torch.rand(c, 1, 1, dtype=dtype) + 0.5
    batches = [offset + scale * (make(n, c, h, w) * spread + centre) for n in sizes]
    x = offset + scale * make(*((c, h, w) if image else (3, c, h, w)))
    mean = offset + scale * torch.randn(c, dtype=dtype)
    std = scale * (torch.rand(c, dtype=dtype) + 0.5)
    dims = "x".join(str(d) for d in (c, h, w))
    return f"{name}: batches of {', '.join(map(str, sizes))} images of {dims}", {
        "batches": batches, "x": x, "mean": mean, "std": std}


def cases(device):
    return [
        _case("equal batches", [8, 8, 8, 8], 3, 5, 6),
        _case("unequal sizes, the last a batch of one", [5, 3, 6, 1], 3, 4, 4, offset=2.0, image=True),
        _case("one channel, 1x1 images", [4, 2, 7, 3, 5], 1, 1, 1),
        _case("float64", [6, 2, 6, 4], 2, 3, 5, dtype=torch.float64, offset=-1.0, scale=3.0),
        _case("non-contiguous batches (H and W transposed)", [4, 4, 2, 5], 3, 6, 4, non_contiguous=True),
        _case("large offset, small spread (like kelvin, 300 ± 0.5)", [16, 16, 16, 16, 16, 16], 2, 8, 8,
              offset=300.0, scale=0.5),
    ]


RTOL, ATOL = 1e-5, 1e-5
MOST_HELD = 2  # the loop variable, plus one batch peeked at to read the shape


def _close(actual, candidate):
    return torch.allclose(actual.double().cpu(), candidate.cpu(), rtol=1e-4, atol=1e-6)


def _diagnose(name, inputs, key, actual):
    """A hint for a mistake we can recognise from the values."""
    batches = [b.double().cpu() for b in inputs["batches"]]
    everything = torch.cat(batches)
    if key == "std":
        if _close(actual, everything.std(dim=(0, 2, 3), correction=1)):
            return (" — this is the sample std (dividing by count − 1); use the population std, dividing "
                    "by the number of pixels per channel (correction=0)")
        for correction in (0, 1):
            per_batch = torch.stack([b.std(dim=(0, 2, 3), correction=correction) if b[:, 0].numel() > correction
                                     else torch.zeros(b.shape[1], dtype=b.dtype) for b in batches])
            if _close(actual, per_batch.mean(0)):
                return (" — this is the average of the per-batch stds, which is not the std of the whole "
                        "dataset: keep running totals (count, Σx, Σx²) and compute the std once at the end")
        if "offset" in name:
            return (" — with a mean of 300 and a spread of 0.5, E[x²] − E[x]² in float32 cancels almost "
                    "every digit: accumulate the sums in float64 (x.double())")
    if key == "mean":
        if _close(actual, torch.stack([b.mean(dim=(0, 2, 3)) for b in batches]).mean(0)):
            return (" — this is the average of the per-batch means, which weighs a batch of one like a "
                    "batch of six: sum the values and count the pixels across all batches instead")
    return ""


def compare(name, inputs, expected, actual):
    held = actual.get("peak_held")
    if isinstance(held, int) and held > MOST_HELD:
        return (f"your code kept {held} batches alive at once (list(batches), torch.cat, or appending batches "
                f"to a list?): a real dataset would not fit in memory. Keep running per-channel totals and "
                f"let each batch go")
    for key in ("mean", "std"):
        problem = compare_value(key, expected[key], actual.get(key), RTOL, ATOL)
        if problem:
            if "values differ" in problem:
                problem += _diagnose(name, inputs, key, actual[key])
            return problem
    problem = compare_value("normalized", expected["normalized"], actual.get("normalized"), RTOL, ATOL)
    if problem:
        return "normalize: " + problem
    if actual.get("x_unchanged") is not True:
        return ("normalize changed its input x in place (sub_/div_ or x -= …): "
                "return a new tensor and leave x as it was")
    return None
