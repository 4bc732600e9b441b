# expect: `rf` expected 7, got 13
# Updated the jump before the receptive field, so each layer's growth uses its own stride too.
def receptive_field(layers, size):
    rf, jump, out = 1, 1, []
    for layer in layers:
        k = layer["kernel"]
        s = layer.get("stride", k if layer["type"] == "pool" else 1)
        p, d = layer.get("padding", 0), layer.get("dilation", 1)
        size = (size + 2 * p - d * (k - 1) - 1) // s + 1
        jump = jump * s
        rf = rf + d * (k - 1) * jump
        out.append({"size": size, "rf": rf, "jump": jump})
    return out
