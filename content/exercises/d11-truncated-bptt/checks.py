import math

import torch
from torch import nn

from quizzer.practice.compare import compare_value


def _case(seq_len, k, batch, d_in, hidden, num_layers, d_out, *, momentum=0.0, dtype=torch.float32,
          non_contiguous=False, device="cpu"):
    rnn, head = nn.RNN(d_in, hidden, num_layers), nn.Linear(hidden, d_out)
    state = {f"rnn.{n}": p.detach().to(device=device, dtype=dtype) for n, p in rnn.named_parameters()}
    state.update({f"head.{n}": p.detach().to(device=device, dtype=dtype) for n, p in head.named_parameters()})
    if non_contiguous:
        x = torch.randn(batch, seq_len, d_in, dtype=dtype, device=device).transpose(0, 1)
    else:
        x = torch.randn(seq_len, batch, d_in, dtype=dtype, device=device)
    # a target that needs memory: a running, decaying sum of the first input feature
    y = torch.zeros(seq_len, batch, d_out, dtype=dtype, device=device)
    acc = torch.zeros(batch, dtype=dtype, device=device)
    for t in range(seq_len):
        acc = 0.7 * acc + x[t, :, 0]
        y[t] = acc[:, None]
    return {"x": x, "y": y, "state": state, "k": k, "lr": 0.1, "momentum": momentum}


def cases(device):
    return [
        ("L = 12 in 3 chunks of k = 4, one layer", _case(12, 4, 3, 3, 5, 1, 1, device=device)),
        ("L = 10, k = 4: the last chunk has 2 steps; two layers",
         _case(10, 4, 2, 2, 4, 2, 2, device=device)),
        ("k = 1: every step is its own chunk", _case(5, 1, 3, 2, 3, 1, 1, device=device)),
        ("k = 8 > L = 6: a single chunk", _case(6, 8, 2, 3, 4, 1, 1, device=device)),
        ("batch of one, float64, SGD with momentum 0.9, L = 9, k = 3",
         _case(9, 3, 1, 2, 4, 1, 1, momentum=0.9, dtype=torch.float64, device=device)),
        ("non-contiguous x, L = 8, k = 3, two layers", _case(8, 3, 4, 3, 4, 2, 1, non_contiguous=True, device=device)),
    ]


# the same training loop over a few SGD steps; a loss written as ((pred - y) ** 2).mean(), or
# cuDNN's RNN kernels on a GPU, may differ in the last bits
RTOL, ATOL = 1e-4, 1e-5

DETACH = ("detach the hidden state at every chunk edge (h = h.detach() before the next chunk): "
          "the state is carried forward, the gradient path is cut")


def _chunks(inputs):
    length, k = inputs["x"].shape[0], inputs["k"]
    return length, k, math.ceil(length / k)


def _tip(key, inputs, expected, actual):
    length, k, n = _chunks(inputs)
    value = actual.get(key)
    if key == "model calls":
        if value == length // k and length % k:
            return (f"L = {length} and k = {k} make {n} chunks, the last one only {length % k} steps long: "
                    f"loop with range(0, L, k) and train on the last, shorter chunk too")
        if value == length and k > 1:
            return f"call the model once per chunk of k = {k} steps (it runs the loop over time itself), not once per step"
        if value == 1 and n > 1:
            return (f"run the model once per chunk: x[s:s + k] for s = 0, k, 2k, … ({n} chunks here), "
                    "not on the whole sequence at once")
        return f"one model call per chunk: {n} chunks of up to k = {k} steps"
    if key == "optimizer.step() calls":
        return f"one optimizer.step() per chunk ({n} here): TBPTT updates the weights after every chunk"
    if key == "backward passes":
        return f"one loss.backward() per chunk ({n} here), on that chunk's loss"
    if key.endswith("time steps given to the model"):
        return "chunk i is x[i*k:(i+1)*k] along the time dimension (dim 0); the last one may be shorter"
    if key.endswith("is detached"):
        return ("the hidden state handed to the next chunk still carries the previous chunk's graph "
                "(retain_graph=True does not change that): " + DETACH)
    if key.endswith("hidden state given to the model"):
        if isinstance(value, torch.Tensor) and not bool(value.any()):
            return ("the hidden state was reset to zero (or None) at this chunk edge: carry the previous chunk's "
                    "final hidden state into the next chunk, detached. Only the gradient is cut at the edge; the "
                    "state is what lets the model remember across chunks")
        return "chunk i must start from the h_last the model returned for chunk i - 1, detached"
    if key.endswith("gradient at optimizer.step()"):
        if isinstance(value, dict) and all(g is None for g in value.values()):
            return ("optimizer.step() found no gradient at all (.grad is None): the order inside a chunk is "
                    "optimizer.zero_grad(), forward, loss.backward(), optimizer.step(). A zero_grad() between "
                    "backward() and step(), or a step() before backward(), throws the chunk's gradient away")
        if not key.startswith("chunk 1:"):
            return ("the first step was right but this one is not: the previous chunk's gradient is still in .grad. "
                    "Call optimizer.zero_grad() for every chunk, before backward()")
        return ("the gradient of the first chunk should be that of F.mse_loss(pred, y[s:s + k]): the mean squared "
                "error over every element of the chunk (reduction='mean', no extra scaling), against the targets "
                "of the same time steps")
    if key == "returned losses: type":
        if isinstance(value, str) and value.startswith("list of") and "Tensor" in value:
            return ("return a list of Python floats, one per chunk (loss.item()): a list of loss tensors keeps every "
                    "chunk's autograd graph alive, the memory TBPTT is meant to save")
        return ("return a plain Python list with one float per chunk (losses.append(loss.item()), then "
                "return losses), not a tensor, a tuple or a single number")
    if key == "returned losses":
        return "return each chunk's loss (the value computed before that chunk's update), in chunk order"
    if key == "x and y unchanged":
        return "train_tbptt changed x or y in place: slice them (x[s:s + k] is a view) and leave them as they were"
    return ""


def compare(name, inputs, expected, actual):
    raised = actual.get("raised")
    if raised:
        if "modified by an inplace operation" in raised:
            return (f"{raised} — retain_graph=True is not the fix: h still links this chunk to the earlier "
                    "chunks' graphs, whose saved weights optimizer.step() has changed in place (and every "
                    "backward would run through the whole history). Instead, " + DETACH)
        return (f"{raised} — the hidden state carried into this chunk still holds the previous chunk's autograd "
                "graph, which that chunk's backward() already freed: " + DETACH)
    keys = ["x and y unchanged"] + [key for key in expected if key != "x and y unchanged"]  # the cause first
    for key in keys:
        value = expected[key]
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
