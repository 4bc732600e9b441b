import torch

from quizzer.practice.compare import compare_value


def _case(lengths, t, hidden, *, as_list=False, dtype=torch.float32, non_contiguous=False, nan_padding=False,
          device="cpu"):
    """LSTM outputs of a padded batch, run WITHOUT packing: the padded steps hold real-looking values."""
    n, d_in = len(lengths), 3
    lstm = torch.nn.LSTM(d_in, hidden, batch_first=not non_contiguous).to(device=device, dtype=dtype)
    x = torch.randn(n, t, d_in, dtype=dtype, device=device)
    valid = torch.arange(t, device=device) < torch.tensor(lengths, device=device)[:, None]
    x = x * valid[..., None]  # zero padding in the input, as pad_sequence makes it
    with torch.no_grad():
        if non_contiguous:  # time-first LSTM, transposed to (N, T, H): a non-contiguous view
            output = lstm(x.transpose(0, 1))[0].transpose(0, 1)
        else:
            output = lstm(x)[0].contiguous()  # batch_first LSTM output is itself a transposed view
    if nan_padding:
        output = output.masked_fill(~valid[..., None], float("nan"))
    upstream = (torch.randn(n, hidden, dtype=dtype, device=device), torch.randn(n, hidden, dtype=dtype, device=device))
    lens = list(lengths) if as_list else torch.tensor(lengths, dtype=torch.int64)  # CPU, as pack_padded_sequence wants
    return {"output": output, "lengths": lens, "upstream": upstream}


def cases(device):
    return [
        ("4 sequences, unsorted lengths [3, 6, 1, 4] as a CPU int64 tensor, T = 6",
         _case([3, 6, 1, 4], 6, 5, device=device)),
        ("lengths as a Python list [2, 5, 5, 1, 3]", _case([2, 5, 5, 1, 3], 5, 4, as_list=True, device=device)),
        ("every sequence full length", _case([4, 4, 4], 4, 3, device=device)),
        ("batch of one, length 2 of T = 5", _case([2], 5, 4, device=device)),
        ("T = 1 (every length 1), hidden 1", _case([1, 1, 1], 1, 1, device=device)),
        ("float64, lengths [5, 2, 7, 3] as a list", _case([5, 2, 7, 3], 7, 3, as_list=True, dtype=torch.float64,
                                                          device=device)),
        ("non-contiguous output (a transposed time-first LSTM output)", _case([3, 1, 4], 4, 5, non_contiguous=True,
                                                                              device=device)),
        ("padded steps hold NaN: they must not be read", _case([2, 4, 1, 3], 4, 3, nan_padding=True, device=device)),
    ]


# a mean over at most T steps: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-6


def _variants(inputs):
    """last and mean (float64, CPU) as common mistakes compute them, to name the mistake."""
    out = inputs["output"].detach().cpu().double()
    lengths = torch.as_tensor(inputs["lengths"])
    n, t, _ = out.shape
    rows = torch.arange(n)
    steps = torch.arange(t)

    def masked_mean(mask, divide_by):
        return torch.where(mask[..., None], out, 0).sum(1) / divide_by

    valid = steps < lengths[:, None]
    one_more = steps <= lengths[:, None]
    return {
        "last": {
            "last_time_step": out[:, -1],
            "first_step": out[:, 0],
            "one_past": out[rows, lengths.clamp(max=t - 1)],
        },
        "mean": {
            "mean_over_T": out.mean(1),
            "masked_sum_over_T": masked_mean(valid, t),
            "one_more_step": masked_mean(one_more, one_more.sum(1, keepdim=True)),
            "one_more_step_len": masked_mean(one_more, lengths[:, None]),
            "masked_sum": masked_mean(valid, 1),
            "sum_over_T_by_length": out.sum(1) / lengths[:, None],
            "one_less_step": masked_mean(steps < (lengths - 1)[:, None], (lengths - 1).clamp(min=1)[:, None]),
        },
    }


TIPS = {
    "last_time_step": ("this is output[:, -1], the step T - 1 of every sequence: for a sequence shorter than T that "
                       "is padding. The last valid step of sequence i is output[i, lengths[i] - 1]"),
    "first_step": "this is the first time step; the last valid step of sequence i is output[i, lengths[i] - 1]",
    "one_past": ("this is output[i, lengths[i]], one step past the end (indices start at 0): the last valid step "
                 "is lengths[i] - 1"),
    "mean_over_T": ("this is the mean over all T steps, padding included: average only the valid steps t < "
                    "lengths[i] and divide by lengths[i]"),
    "masked_sum_over_T": ("the padded steps are masked out, but the sum is divided by T: divide by each sequence's "
                          "own length, lengths[:, None]"),
    "one_more_step": ("the mask keeps one padded step too: step t is valid when t < lengths[i] (strictly), "
                      "since the indices of a sequence of length L are 0 .. L - 1"),
    "one_more_step_len": ("the mask keeps one padded step too: step t is valid when t < lengths[i] (strictly), "
                          "since the indices of a sequence of length L are 0 .. L - 1"),
    "sum_over_T_by_length": ("this sums all T steps, padding included, and divides by lengths[i]: the padded steps "
                             "are not zero here (the layer ran over them), so mask them out before the sum"),
    "one_less_step": ("the mask drops the last valid step: step t is valid when t < lengths[i], so t = lengths[i] - 1 "
                      "still counts"),
    "masked_sum": "this is the masked sum: divide it by lengths[:, None] to get the mean",
}


def _matches(actual, want):
    return (isinstance(actual, torch.Tensor) and actual.shape == want.shape
            and bool(torch.isfinite(actual).all()) and bool(torch.isfinite(want).all())
            and torch.allclose(actual.detach().cpu().double(), want, rtol=1e-4, atol=1e-6))


def _tip(key, inputs, expected, actual):
    value = actual.get(key)
    if key == "returns":
        return "return a tuple (last, mean) of two tensors: `return last, mean`"
    if key == "inputs unchanged":
        changed = ", ".join(actual.get("changed inputs") or []) or "an input"
        return (f"your function changed its input in place ({changed}): the caller still needs it (the same output "
                "feeds the loss, the attention, the next layer). Usual causes: output.masked_fill_(...), "
                "output[~mask] = 0, output *= mask, lengths -= 1; use out-of-place ops (torch.where, lengths - 1)")
    if key == "connected to the autograd graph":
        return ("last and mean must stay connected to the autograd graph so that the LSTM below trains through "
                "them: no .detach(), .data, .item(), .tolist() or torch.tensor(...) rebuilding of the values")
    if key == "grad:output":
        if value is None:
            return "no gradient reached output: the graph was cut (.detach(), .data) between it and the result"
        if not bool(torch.isfinite(value).all()):
            return "the gradient is NaN at the padded steps: build the mean with torch.where, not by multiplying by the mask"
        return "the values are right but the gradient is not: was part of the result computed outside autograd?"
    if key in ("last", "mean") and isinstance(value, torch.Tensor):
        want = expected[key]
        n, h = want.shape
        if value.shape != want.shape:
            if value.dim() == 3 and tuple(value.shape[:2]) == (n, n):
                return ("output[:, lengths - 1] picks every length for every sequence, (N, N, H): index both "
                        "dimensions together, output[torch.arange(N), lengths - 1]")
            return "last and mean are (N, H): one vector per sequence"
        if value.dtype != want.dtype:
            return ("keep output's dtype: dividing by lengths.double() (or .float()) promotes the result; divide by "
                    "the int64 lengths, or convert them with .to(output.dtype)")
        if not bool(torch.isfinite(value).all()) and bool(torch.isfinite(want).all()):
            return ("the result is NaN although the valid steps are finite: the padded steps hold NaN here and "
                    "0 * NaN = NaN, so multiplying by a 0/1 mask does not remove them; select with "
                    "torch.where(mask[..., None], output, 0) (or masked_fill, out of place)")
        for mistake, variant in _variants(inputs)[key].items():
            if _matches(value, variant):
                return TIPS[mistake]
        return ("check which steps you read: sequence i is valid at t = 0 .. lengths[i] - 1; the lengths are not "
                "sorted, so pair each row with its own length")
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
