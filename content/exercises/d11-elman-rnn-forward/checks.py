import math

import torch

from quizzer.practice.compare import compare_value


def _case(seq_len, batch, d_in, hidden, num_layers, *, batch_first=False, with_h0=False, bias=True,
          dtype=torch.float32, scale=1.0, non_contiguous=False, device="cpu"):
    def rand(*shape):
        return torch.randn(*shape, dtype=dtype, device=device)

    bound = 1 / math.sqrt(hidden)  # nn.RNN's own init: U(-1/sqrt(H), 1/sqrt(H)); normal with that scale here
    params = {}
    for k in range(num_layers):
        width = d_in if k == 0 else hidden
        params[f"weight_ih_l{k}"] = bound * rand(hidden, width)
        params[f"weight_hh_l{k}"] = bound * rand(hidden, hidden)
        if bias:
            params[f"bias_ih_l{k}"] = 0.5 * rand(hidden)
            params[f"bias_hh_l{k}"] = 0.5 * rand(hidden)
    outer = (batch, seq_len) if batch_first else (seq_len, batch)
    if non_contiguous:  # the same layout, built by swapping the first two dimensions of a tensor
        x = scale * rand(outer[1], outer[0], d_in).transpose(0, 1)
    else:
        x = scale * rand(*outer, d_in)
    h0 = 0.8 * rand(num_layers, batch, hidden) if with_h0 else None
    upstream = {"output": rand(*outer, hidden), "h_n": rand(num_layers, batch, hidden)}
    return {"x": x, "h0": h0, "params": params, "num_layers": num_layers, "batch_first": batch_first,
            "upstream": upstream}


def cases(device):
    return [
        ("one layer, time-first, no h0", _case(5, 3, 4, 6, 1, device=device)),
        ("two layers, batch_first=True, with h0", _case(6, 4, 3, 5, 2, batch_first=True, with_h0=True, device=device)),
        ("three layers, time-first, with h0, float64",
         _case(4, 2, 5, 3, 3, with_h0=True, dtype=torch.float64, device=device)),
        ("batch of one, a single time step, batch_first=True",
         _case(1, 1, 3, 4, 2, batch_first=True, with_h0=True, device=device)),
        ("non-contiguous x, two layers, batch_first=True, no h0",
         _case(7, 3, 4, 5, 2, batch_first=True, non_contiguous=True, device=device)),
        ("no biases (nn.RNN(..., bias=False)), two layers, with h0",
         _case(5, 2, 3, 4, 2, with_h0=True, bias=False, device=device)),
        ("huge inputs (scale 100, tanh saturates), with h0",
         _case(6, 3, 4, 5, 1, with_h0=True, scale=100.0, device=device)),
        ("non-contiguous time-first x, float64, three layers, no h0",
         _case(5, 2, 3, 4, 3, dtype=torch.float64, non_contiguous=True, device=device)),
    ]


# a recurrence of matmuls: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-5


def _variant(inputs, *, biases="both", use_h0=True, h0_layer0=False, bias_layer0=False, act=torch.tanh,
             whh_transposed=True, reshape_in=False, reshape_out=False):
    """The forward pass in float64 as a common mistake computes it, to name the mistake."""
    x = inputs["x"].detach().cpu().double()
    p = {n: v.detach().cpu().double() for n, v in inputs["params"].items()}
    h0, layers, bf = inputs["h0"], inputs["num_layers"], inputs["batch_first"]
    if bf:
        x = x.reshape(x.shape[1], x.shape[0], -1) if reshape_in else x.transpose(0, 1)
    seq_len, batch = x.shape[:2]
    hidden = p["weight_hh_l0"].shape[0]
    h_init = h0.detach().cpu().double() if (h0 is not None and use_h0) else torch.zeros(layers, batch, hidden,
                                                                                          dtype=torch.float64)
    inp, finals = x, []
    for k in range(layers):
        h, steps = h_init[0 if h0_layer0 else k], []
        w_hh = p[f"weight_hh_l{k}"].T if whh_transposed else p[f"weight_hh_l{k}"]
        kb = 0 if bias_layer0 else k
        for t in range(seq_len):
            pre = inp[t] @ p[f"weight_ih_l{k}"].T + h @ w_hh
            if f"bias_ih_l{k}" in p:
                b_ih, b_hh = p[f"bias_ih_l{kb}"], p[f"bias_hh_l{kb}"]
                pre = pre + (b_ih if biases != "hh" else 0) + (b_hh if biases != "ih" else 0)
            h = act(pre)
            steps.append(h)
        inp = torch.stack(steps)
        finals.append(h)
    if bf:
        inp = inp.reshape(batch, seq_len, -1) if reshape_out else inp.transpose(0, 1)
    return inp, torch.stack(finals)


def _matches(actual, want):
    return (isinstance(actual, torch.Tensor) and actual.shape == want.shape
            and torch.allclose(actual.detach().cpu().double(), want, rtol=1e-4, atol=1e-5))


RECURRENCE = ("check the recurrence step by step against the formula: h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T "
              "+ b_hh) with layer k's own weights, biases and h0[k]; layer k + 1 reads layer k's states at the same "
              "step; output is the top layer's states, h_n the last state of every layer")


def _value_tip(key, inputs, actual):
    value = actual.get(key)
    index = 0 if key == "output" else 1
    layers, has_bias = inputs["num_layers"], any(n.startswith("bias") for n in inputs["params"])
    if inputs["h0"] is not None and _matches(value, _variant(inputs, use_h0=False)[index]):
        return ("this is what you get from a zero initial state: the h0 argument was ignored. When h0 is given, "
                "layer k starts from h0[k]; zeros are only the default for h0=None")
    if inputs["h0"] is not None and layers > 1 and _matches(value, _variant(inputs, h0_layer0=True)[index]):
        return ("every layer started from h0[0]: layer k starts from its own initial state h0[k] "
                "(h0 is (num_layers, N, H), one (N, H) state per layer)")
    if has_bias:
        for which in ("ih", "hh"):
            if _matches(value, _variant(inputs, biases=which)[index]):
                return (f"only bias_{which} was added: nn.RNN adds two bias vectors, "
                        "h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh), and both are learned")
        if layers > 1 and _matches(value, _variant(inputs, bias_layer0=True)[index]):
            return ("every layer used layer 0's biases: layer k has its own bias_ih_l{k} and bias_hh_l{k}, "
                    "build the key from the layer index as you do for the weights")
    if _matches(value, _variant(inputs, whh_transposed=False)[index]):
        return ("the recurrent term is h_(t-1) @ W_hh.T, not h_(t-1) @ W_hh: weight_hh_l{k} is (H, H) like a Linear "
                "weight (out, in), so it needs the transpose even though it is square and the shapes fit either way")
    if _matches(value, _variant(inputs, act=torch.relu)[index]):
        return "this is the ReLU RNN (nonlinearity='relu'): nn.RNN's default nonlinearity is tanh, use torch.tanh"
    if inputs["batch_first"]:
        for where in ("in", "out", "both"):
            if _matches(value, _variant(inputs, reshape_in=where != "out", reshape_out=where != "in")[index]):
                return ("this is what reshape/view gives: they reinterpret the memory in the new shape, they do not "
                        "swap dimensions, so the sequences get mixed up. Use x.transpose(0, 1) to go from (N, L, H_in) "
                        "to (L, N, H_in), and transpose the output back the same way")
    return RECURRENCE


def _tip(key, inputs, expected, actual):
    value = actual.get(key)
    if key == "returns":
        return ("return a tuple (output, h_n) of two tensors, as nn.RNN does: `return output, h_n`")
    if key == "inputs unchanged":
        changed = ", ".join(actual.get("changed inputs") or []) or "x, h0 or a weight"
        return (f"your function changed its input in place ({changed}): a forward pass must leave its inputs as "
                "they were. Usual causes: writing the new states into h0 (h_n = h0; h_n[k] = h), an in-place op on "
                "x (x.transpose_, x += ...), replacing entries of the caller's params dict. Use out-of-place ops "
                "and build h_n from a list with torch.stack")
    if key == "connected to the autograd graph":
        return ("output and h_n must stay connected to the autograd graph so that BPTT can train the weights: "
                "no .detach(), .data, .item(), torch.no_grad() or torch.tensor(...) rebuilding inside the forward pass")
    if key.startswith("grad:"):
        if value is None:
            return (f"no gradient reached {key[5:]}: it was not used, or the graph was cut (.detach(), .data) "
                    "between it and the outputs")
        if not bool(torch.isfinite(value).all()) and bool(torch.isfinite(expected[key]).all()):
            return ("the values are right but the gradient is NaN or inf where the reference is finite: a tanh written "
                    "by hand with exp (1 - 2 / (exp(2z) + 1), or (e^z - e^-z) / (e^z + e^-z)) overflows in the "
                    "saturated region and its backward computes 0 * inf; use torch.tanh, whose backward is 1 - tanh^2")
        return ("the values are right but the gradient is not: was part of the computation done outside autograd "
                "(a .detach() or .data on the state between steps cuts backpropagation through time)?")
    if key in ("output", "h_n") and isinstance(value, torch.Tensor):
        want = expected[key]
        if value.shape != want.shape:
            layers, batch, hidden = inputs["upstream"]["h_n"].shape
            if key == "h_n":
                if inputs["batch_first"] and tuple(value.shape) == (batch, layers, hidden):
                    return ("batch_first only changes the layout of the input and the output: h_0 and h_n are "
                            "always (num_layers, N, H), so do not transpose h_n")
                if value.dim() == 3 and value.shape[0] == 1 and layers > 1:
                    return ("h_n holds the last hidden state of every layer, (num_layers, N, H), not only of the "
                            "top layer (that one is also output's last time step)")
                return "h_n is (num_layers, N, H): the last hidden state of each layer"
            if inputs["batch_first"]:
                return "with batch_first=True the output is (N, L, H): transpose it back after the loop over time"
            return "output is (L, N, H): the top layer's hidden state at every time step"
        if value.dtype != want.dtype:
            return "keep x's dtype: create any new tensor (such as a zero h0) with x.new_zeros(...) or dtype=x.dtype"
        if not bool(torch.isfinite(value).all()) and bool(torch.isfinite(want).all()):
            return "the reference is finite here: use torch.tanh, which saturates at ±1 instead of overflowing"
        return _value_tip(key, inputs, actual)
    return ""


def compare(name, inputs, expected, actual):
    raised = actual.get("raised", "")
    if "dtype" in raised or "device" in raised:
        return (f"{raised} — a tensor you created inside the function does not match x: torch.zeros(...) makes "
                "float32 tensors on the CPU by default, and here x is "
                f"{str(inputs['x'].dtype).removeprefix('torch.')} on {inputs['x'].device.type}. Create the zero "
                "initial state with x.new_zeros(num_layers, N, H) (or pass dtype=x.dtype, device=x.device)")
    if raised:
        return (f"{actual['raised']} — the forward pass overwrote a tensor that autograd saved for the backward "
                "pass, typically by writing each new state into a buffer it also reads from (h_n[k] = h after "
                "reading h_n[k]). Collect each layer's states in a list and torch.stack them; build h_n the "
                "same way")
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
