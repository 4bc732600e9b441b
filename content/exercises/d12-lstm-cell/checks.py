import math

import torch

from quizzer.practice.compare import compare_value


def _case(batch, d_in, hidden, *, with_state=True, bias=True, dtype=torch.float32, scale=1.0,
          non_contiguous=False, device="cpu"):
    def rand(*shape):
        if non_contiguous and len(shape) == 2:  # the same shape, built as the transpose of a tensor
            return torch.randn(shape[1], shape[0], dtype=dtype, device=device).t()
        return torch.randn(*shape, dtype=dtype, device=device)

    bound = 1 / math.sqrt(hidden)  # the scale of nn.LSTMCell's own init, U(-1/sqrt(H), 1/sqrt(H))
    inputs = {
        "x": scale * rand(batch, d_in),
        "state": (0.8 * rand(batch, hidden), 1.5 * rand(batch, hidden)) if with_state else None,
        "weight_ih": bound * rand(4 * hidden, d_in),
        "weight_hh": bound * rand(4 * hidden, hidden),
        "bias_ih": 0.5 * rand(4 * hidden) if bias else None,
        "bias_hh": 0.5 * rand(4 * hidden) if bias else None,
    }
    inputs["upstream"] = (torch.randn(batch, hidden, dtype=dtype, device=device),
                          torch.randn(batch, hidden, dtype=dtype, device=device))
    return inputs


def cases(device):
    return [
        ("4 samples, input 3, hidden 5, with a state", _case(4, 3, 5, device=device)),
        ("state=None (zeros), hidden 4", _case(3, 6, 4, with_state=False, device=device)),
        ("float64 with a state", _case(5, 4, 3, dtype=torch.float64, device=device)),
        ("float64, state=None", _case(2, 3, 6, with_state=False, dtype=torch.float64, device=device)),
        ("batch of one, hidden 1", _case(1, 2, 1, device=device)),
        ("no biases (nn.LSTMCell(..., bias=False)), with a state", _case(3, 4, 5, bias=False, device=device)),
        ("non-contiguous x, state and weights", _case(4, 5, 3, non_contiguous=True, device=device)),
        ("large pre-activations (x scaled by 100): the gates saturate", _case(6, 4, 5, scale=100.0, device=device)),
    ]


# a few matmuls and a product of gates: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-5

ORDER = "ifgo"  # PyTorch's order of the four blocks


def _variant(inputs, *, order=ORDER, h_from_old_c=False, swapped_state=False, all_sigmoid=False,
             biases="both", no_tanh_on_c=False, h_act="tanh", forget_shift=0.0, c_in_matmul=False):
    """The step in float64 as a common mistake computes it, to name the mistake."""
    d = {k: (v.detach().cpu().double() if isinstance(v, torch.Tensor) else v) for k, v in inputs.items()
         if k not in ("state", "upstream")}
    x, hidden = d["x"], d["weight_hh"].shape[1]
    if inputs["state"] is None:
        h = c = torch.zeros(x.shape[0], hidden, dtype=torch.float64)
    else:
        h, c = (t.detach().cpu().double() for t in inputs["state"])
        if swapped_state:
            h, c = c, h
    gates = x @ d["weight_ih"].T + (c if c_in_matmul else h) @ d["weight_hh"].T
    if d["bias_ih"] is not None:
        gates = gates + (d["bias_ih"] if biases != "hh" else 0) + (d["bias_hh"] if biases != "ih" else 0)
    blocks = dict(zip(order, gates.chunk(4, dim=1)))
    blocks["f"] = blocks["f"] + forget_shift
    i, f, o = (torch.sigmoid(blocks[k]) for k in "ifo")
    g = torch.sigmoid(blocks["g"]) if all_sigmoid else torch.tanh(blocks["g"])
    c_new = f * c + i * g
    squash = torch.sigmoid if h_act == "sigmoid" else torch.tanh
    h_new = o * (c_new if no_tanh_on_c else squash(c if h_from_old_c else c_new))
    return h_new, c_new


def _matches(actual, want):
    return (isinstance(actual, torch.Tensor) and actual.shape == want.shape
            and bool(torch.isfinite(actual).all())
            and torch.allclose(actual.detach().cpu().double(), want, rtol=1e-4, atol=1e-5))


STEP = ("check the step against the formulas: gates = x W_ih^T + b_ih + h W_hh^T + b_hh; i, f, g, o = "
        "gates.chunk(4, 1); c_new = sigmoid(f) * c + sigmoid(i) * tanh(g); h_new = sigmoid(o) * tanh(c_new)")


def _value_tip(key, inputs, actual):
    value = actual.get(key)
    index = 0 if key == "h_new" else 1
    if _matches(value, _variant(inputs)[1 - index]):
        return ("this is the other state: return (h_new, c_new) in that order, as nn.LSTMCell does; "
                "h is the gated output o * tanh(c), c the memory")
    for order in ("ifog", "igfo", "figo", "iofg"):
        if _matches(value, _variant(inputs, order=order)[index]):
            return (f"this matches reading the four blocks in the order {', '.join(order)}: PyTorch stores them as "
                    "input, forget, cell (candidate), output, so i, f, g, o = gates.chunk(4, 1)")
    if inputs["state"] is not None and _matches(value, _variant(inputs, swapped_state=True)[index]):
        return ("this matches unpacking the state as (c, h): nn.LSTMCell's state is the tuple (h, c), "
                "hidden state first, so h, c = state")
    if key == "h_new" and _matches(value, _variant(inputs, h_from_old_c=True)[index]):
        return ("h_new = o * tanh(c_new) reads the NEW cell state, after the forget/write update, "
                "not the previous c")
    if key == "h_new" and _matches(value, _variant(inputs, no_tanh_on_c=True)[index]):
        return "h_new = o * tanh(c_new): the cell state goes through tanh before the output gate scales it"
    if key == "h_new" and _matches(value, _variant(inputs, h_act="sigmoid")[index]):
        return ("h_new = o * tanh(c_new): the cell state goes through tanh (values in (-1, 1)), not a sigmoid; "
                "the sigmoids are only for the three gates i, f, o")
    if _matches(value, _variant(inputs, forget_shift=1.0)[index]):
        return ("this matches sigmoid(f + 1): nn.LSTMCell adds nothing to the forget gate in the step. A forget "
                "bias of 1 is an initialisation choice: put it in bias_ih or bias_hh (rows H..2H-1), not in the formula")
    if inputs["state"] is not None and _matches(value, _variant(inputs, c_in_matmul=True)[index]):
        return ("this matches multiplying weight_hh with the cell state c: the recurrent product uses the hidden "
                "state, h @ weight_hh.T; c only enters through f * c")
    if _matches(value, _variant(inputs, all_sigmoid=True)[index]):
        return ("the candidate g goes through tanh, not sigmoid: it is the new content, in (-1, 1); only the "
                "three gates i, f, o are sigmoids in (0, 1)")
    if inputs["bias_ih"] is not None:
        for which in ("ih", "hh"):
            if _matches(value, _variant(inputs, biases=which)[index]):
                return f"only bias_{which} was added: nn.LSTMCell adds both bias_ih and bias_hh to the gates"
    return STEP


def _tip(key, inputs, expected, actual):
    value = actual.get(key)
    if key == "returns":
        return "return a tuple (h_new, c_new) of two tensors, as nn.LSTMCell does: `return h_new, c_new`"
    if key == "inputs unchanged":
        changed = ", ".join(actual.get("changed inputs") or []) or "an input"
        return (f"your function changed its input in place ({changed}): a step must leave its inputs as they "
                "were, the caller still needs the old state. Usual causes: c.mul_(f), c += ..., h.copy_(...), "
                "writing into a slice of the weights; use out-of-place ops (c_new = f * c + i * g)")
    if key == "connected to the autograd graph":
        return ("h_new and c_new must stay connected to the autograd graph so that the weights can be trained: "
                "no .detach(), .data, .item() or torch.no_grad() inside the step")
    if key.startswith("grad:"):
        if value is None:
            return f"no gradient reached {key[5:]}: it was not used, or the graph was cut (.detach(), .data)"
        if not bool(torch.isfinite(value).all()) and bool(torch.isfinite(expected[key]).all()):
            return ("the values are right but the gradient is NaN or inf where the reference is finite: a sigmoid "
                    "or tanh written by hand with exp (1 / (1 + exp(-z))) overflows for large |z| and its backward "
                    "computes inf / inf; use torch.sigmoid and torch.tanh, whose backward is computed from the output")
        return ("the values are right but the gradient is not: was part of the step done outside autograd "
                "(a .detach() or .data on a gate or on the state)?")
    if key in ("h_new", "c_new") and isinstance(value, torch.Tensor):
        want = expected[key]
        if value.shape != want.shape:
            if value.dim() == 2 and value.shape[1] == 4 * want.shape[1]:
                return "that is all four gates, (N, 4H): split them with gates.chunk(4, dim=1) into (N, H) blocks"
            return "h_new and c_new are (N, H), H = weight_hh.shape[1]"
        if value.dtype != want.dtype:
            return "keep x's dtype: create the zero state with x.new_zeros(N, H) (or dtype=x.dtype, device=x.device)"
        if not bool(torch.isfinite(value).all()) and bool(torch.isfinite(want).all()):
            return "the reference is finite here: use torch.sigmoid and torch.tanh, which saturate instead of overflowing"
        return _value_tip(key, inputs, actual)
    return ""


def compare(name, inputs, expected, actual):
    if actual.get("device raised"):
        return (f"{actual['device raised']} (with every input on another device than the CPU) — the zero state "
                "was created on the CPU: torch.zeros(...) without device= always is, so state=None breaks as soon "
                "as x is on a GPU. Create it with x.new_zeros(N, H), which takes x's dtype and device "
                "(or pass dtype=x.dtype, device=x.device)")
    raised = actual.get("raised", "")
    if raised:
        return (f"{raised} — a tensor you created inside the function does not match x: torch.zeros(...) makes "
                f"float32 tensors on the CPU by default, and here x is {str(inputs['x'].dtype).removeprefix('torch.')} "
                f"on {inputs['x'].device.type}. Create the zero state with x.new_zeros(N, H) "
                "(or pass dtype=x.dtype, device=x.device)")
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
