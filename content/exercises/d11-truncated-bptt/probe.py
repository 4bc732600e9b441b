import torch
from torch import nn


class SeqModel(nn.Module):
    """nn.RNN (time-first) + a Linear head; notes what each call receives."""

    def __init__(self, d_in, hidden, num_layers, d_out):
        super().__init__()
        self.rnn = nn.RNN(d_in, hidden, num_layers)
        self.head = nn.Linear(hidden, d_out)
        self.calls = []

    def forward(self, x, h=None):
        zeros = x.new_zeros(self.rnn.num_layers, x.shape[1], self.rnn.hidden_size)
        self.calls.append({"steps": int(x.shape[0]),
                           # detached: no graph behind it (a fresh leaf, even one that requires grad, is fine)
                           "detached": h is None or h.grad_fn is None,
                           "h": zeros if h is None else h.detach().clone()})
        out, h_n = self.rnn(x, h)
        return self.head(out), h_n


def build_model(state, device):
    num_layers = sum(name.startswith("rnn.weight_ih_l") for name in state)
    hidden, d_in = state["rnn.weight_ih_l0"].shape
    model = SeqModel(d_in, hidden, num_layers, state["head.weight"].shape[0])
    model.to(device=device, dtype=state["head.weight"].dtype)
    model.load_state_dict(state)
    return model


GRAPH_ERRORS = ("backward through the graph a second time", "modified by an inplace operation")


def _describe(value):
    if isinstance(value, (list, tuple)):
        kinds = sorted({type(v).__name__ for v in value})
        return f"{type(value).__name__} of {' and '.join(kinds) or 'nothing'}"
    return type(value).__name__


def _number(value):
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        return float(value.detach())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return repr(value)[:60]


def run(solution, inputs, device):
    model = build_model(inputs["state"], device)
    optimizer = torch.optim.SGD(model.parameters(), lr=inputs["lr"], momentum=inputs["momentum"])
    params = dict(model.named_parameters())
    counts = {"step": 0, "backward": 0}
    grads = []

    def before_step(opt, args, kwargs):  # the gradient optimizer.step() is about to apply
        counts["step"] += 1
        grads.append({n: None if p.grad is None else p.grad.detach().clone() for n, p in params.items()})

    def on_backward(grad):  # once per backward pass (the head's weight is in every graph)
        counts["backward"] += 1

    optimizer.register_step_pre_hook(before_step)
    params["head.weight"].register_hook(on_backward)
    x, y = inputs["x"], inputs["y"]
    x_before, y_before = x.clone(), y.clone()
    out = {}
    try:
        losses = solution.train_tbptt(model, optimizer, x, y, inputs["k"])
    except RuntimeError as exc:
        if not any(e in str(exc) for e in GRAPH_ERRORS):
            raise
        out["raised"] = "RuntimeError: " + str(exc).split(":")[0].split(" (")[0]  # its first clause
        losses = None
    out["model calls"] = len(model.calls)
    out["optimizer.step() calls"] = counts["step"]
    out["backward passes"] = counts["backward"]
    for i, call in enumerate(model.calls, 1):
        out[f"chunk {i}: time steps given to the model"] = call["steps"]
        out[f"chunk {i}: hidden state given to the model is detached"] = call["detached"]
        out[f"chunk {i}: hidden state given to the model"] = call["h"]
        if i <= len(grads):
            out[f"chunk {i}: gradient at optimizer.step()"] = grads[i - 1]
    if losses is not None or "raised" not in out:
        out["returned losses: type"] = _describe(losses)
        out["returned losses"] = ([_number(v) for v in losses] if isinstance(losses, (list, tuple))
                                  else repr(losses)[:60])
    out["parameters after training"] = {n: p.detach().clone() for n, p in params.items()}
    out["x and y unchanged"] = bool(torch.equal(x, x_before) and torch.equal(y, y_before))
    return out
