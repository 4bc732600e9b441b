# expect: `size` expected 17, got 19
# Forgot dilation: a dilated kernel spans dilation*(kernel - 1) + 1 pixels, not kernel.
def receptive_field(layers, size):
    rf, jump, out = 1, 1, []
    for layer in layers:
        k = layer["kernel"]
        s = layer.get("stride", k if layer["type"] == "pool" else 1)
        p = layer.get("padding", 0)
        size = (size + 2 * p - k) // s + 1
        rf = rf + (k - 1) * jump
        jump = jump * s
        out.append({"size": size, "rf": rf, "jump": jump})
    return out
