import torch


def _anchors(solution, inputs, device):
    out = solution.make_anchors(inputs["feature_h"], inputs["feature_w"], inputs["stride"], list(inputs["sizes"]),
                                list(inputs["ratios"]), dtype=getattr(torch, inputs["dtype"]), device=device)
    result = {"make_anchors(...)": out}
    if isinstance(out, torch.Tensor):
        result["output device type"] = out.device.type
    return result


def _coding(solution, inputs):
    names = ["boxes", "anchors", "deltas"]
    before = {k: inputs[k].clone() for k in names}
    args = {k: inputs[k].clone() for k in names}  # clone keeps a non-contiguous layout
    extra = () if inputs["weights"] is None else (tuple(inputs["weights"]),)
    enc = solution.encode(args["boxes"], args["anchors"], *extra)
    result = {"encode(boxes, anchors)": enc}
    result["decode(deltas, anchors)"] = dec = solution.decode(args["deltas"], args["anchors"], *extra)
    if isinstance(enc, torch.Tensor) and enc.shape == inputs["deltas"].shape:
        result["decode(encode(boxes, anchors), anchors)"] = solution.decode(enc, args["anchors"], *extra)
    if isinstance(dec, torch.Tensor):
        result["output device type"] = dec.device.type
    result["encode and decode leave their inputs unchanged"] = all(torch.equal(args[k], before[k]) for k in names)
    return result


def run(solution, inputs, device):
    return _anchors(solution, inputs, device) if inputs["kind"] == "anchors" else _coding(solution, inputs)
