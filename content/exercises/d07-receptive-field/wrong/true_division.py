# expect: `size` should be a Python int, got float
# Used / instead of //: sizes become floats (16.0, or 4.666… when the stride does not divide evenly).
def receptive_field(layers, size):
    rf, jump, out = 1, 1, []
    for layer in layers:
        k = layer["kernel"]
        s = layer.get("stride", k if layer["type"] == "pool" else 1)
        p, d = layer.get("padding", 0), layer.get("dilation", 1)
        size = (size + 2 * p - d * (k - 1) - 1) / s + 1
        rf = rf + d * (k - 1) * jump
        jump = jump * s
        out.append({"size": size, "rf": rf, "jump": jump})
    return out
