import torch


def _describe(value):
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__} of ({', '.join(type(v).__name__ for v in value)})"
    return type(value).__name__


def run(solution, inputs, device):
    """The model is a table: log p(next | prefix) depends on the position and the last token."""
    table0 = inputs["table"]  # (max_len, V, V) log-probs, float32 or float64
    table = table0.clone()
    bos = inputs["bos"]
    calls = {"bad": None}

    def step(tokens):
        if calls["bad"] is None:
            if not isinstance(tokens, torch.Tensor):
                calls["bad"] = f"step got a {type(tokens).__name__}, not a tensor"
            elif tokens.dim() != 2 or tokens.dtype != torch.int64:
                calls["bad"] = f"step got a tensor of shape {tuple(tokens.shape)} and dtype {tokens.dtype}"
            elif tokens.device.type != torch.device(device).type:
                calls["bad"] = f"step got tokens on {tokens.device}, not on {device}"
            elif not bool((tokens[:, 0] == bos).all()):
                calls["bad"] = "a prefix passed to step does not start with bos"
        if calls["bad"] is not None:
            raise ValueError(calls["bad"])
        pos = min(tokens.shape[1] - 1, table.shape[0] - 1)
        last = tokens[:, -1]
        if tokens.shape[0] == 1:
            return table[pos, int(last[0])].unsqueeze(0)  # a view of the model's state
        return table[pos][last]

    try:
        result = solution.beam_search(step, bos, inputs["eos"], inputs["beam_width"], inputs["max_len"],
                                      inputs["alpha"], device=device)
    except ValueError:
        if calls["bad"] is None:
            raise
        return {"step called with (B, t) int64 prefixes on the device": calls["bad"]}
    res = {"step called with (B, t) int64 prefixes on the device": "yes",
           "returns": _describe(result),
           "log-probs left unchanged": bool(torch.equal(table, table0))}
    if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], list)
            and all(isinstance(t, int) and not isinstance(t, bool) for t in result[0])
            and isinstance(result[1], float)):
        return res
    res["tokens"] = list(result[0])
    res["score"] = result[1]
    return res
