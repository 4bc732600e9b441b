def receptive_field(layers: list[dict], size: int) -> list[dict]:
    rf, jump = 1, 1  # the input: each pixel sees itself, neighbours are 1 pixel apart
    out = []
    for layer in layers:
        k = layer["kernel"]
        s = layer.get("stride", k if layer["type"] == "pool" else 1)  # pools default to stride = kernel
        p = layer.get("padding", 0)
        d = layer.get("dilation", 1)
        span = d * (k - 1)  # distance between the first and the last tap, in this layer's input pixels
        size = (size + 2 * p - span - 1) // s + 1
        rf = rf + span * jump  # taps are `jump` input pixels apart at this depth
        jump = jump * s
        out.append({"size": size, "rf": rf, "jump": jump})
    return out
