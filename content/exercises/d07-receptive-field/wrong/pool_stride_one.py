# expect: a pool given without a stride uses stride = kernel
# Took stride 1 whenever "stride" is missing, also for pools: nn.MaxPool2d(2) halves the size.
def receptive_field(layers, size):
    rf, jump, out = 1, 1, []
    for layer in layers:
        k, s = layer["kernel"], layer.get("stride", 1)
        p, d = layer.get("padding", 0), layer.get("dilation", 1)
        size = (size + 2 * p - d * (k - 1) - 1) // s + 1
        rf = rf + d * (k - 1) * jump
        jump = jump * s
        out.append({"size": size, "rf": rf, "jump": jump})
    return out
