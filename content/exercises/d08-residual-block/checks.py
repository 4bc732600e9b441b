import torch


def _bn(prefix, c, dtype, device):
    return {f"{prefix}.weight": torch.rand(c, dtype=dtype, device=device) + 0.5,
            f"{prefix}.bias": 0.2 * torch.randn(c, dtype=dtype, device=device),
            f"{prefix}.running_mean": 0.3 * torch.randn(c, dtype=dtype, device=device),
            f"{prefix}.running_var": torch.rand(c, dtype=dtype, device=device) + 0.5,
            f"{prefix}.num_batches_tracked": torch.tensor(100, device=device)}


def _conv(cout, cin, k, dtype, device):
    return torch.randn(cout, cin, k, k, dtype=dtype, device=device) * (2.0 / (cin * k * k)) ** 0.5


def block_state(cin, cout, stride, dtype, device):
    """The seeded state dict, with torchvision's BasicBlock names."""
    state = {"conv1.weight": _conv(cout, cin, 3, dtype, device), **_bn("bn1", cout, dtype, device),
             "conv2.weight": _conv(cout, cout, 3, dtype, device), **_bn("bn2", cout, dtype, device)}
    if stride != 1 or cin != cout:
        state.update({"downsample.0.weight": _conv(cout, cin, 1, dtype, device), **_bn("downsample.1", cout, dtype, device)})
    return state


def cases(device):
    made = []
    for name, n, cin, cout, stride, hw, dtype in [
            ("identity shortcut, 4→4 channels, stride 1", 2, 4, 4, 1, 6, torch.float32),
            ("projection, 4→8 channels, stride 2", 2, 4, 8, 2, 8, torch.float32),
            ("projection for the stride alone, 6→6 channels, stride 2, odd size", 3, 6, 6, 2, 7, torch.float32),
            ("batch of one, 3→5 channels, stride 1", 1, 3, 5, 1, 5, torch.float32),
            ("1×1 image, 1→4 channels", 4, 1, 4, 1, 1, torch.float32),
            ("float64, 4→8 channels, stride 2", 2, 4, 8, 2, 6, torch.float64)]:
        x = torch.randn(n, cin, hw, hw, dtype=dtype, device=device)
        ho = (hw - 1) // stride + 1
        made.append((name, {"x": x, "upstream": torch.randn(n, cout, ho, ho, dtype=dtype, device=device),
                            "in_channels": cin, "out_channels": cout, "stride": stride,
                            "state": block_state(cin, cout, stride, dtype, device)}))
    x = torch.randn(2, 6, 5, 4, device=device).permute(0, 3, 1, 2)  # channels-last memory: non-contiguous
    made.append(("non-contiguous input, 4→8 channels, stride 1",
                 {"x": x, "upstream": torch.randn(2, 8, 6, 5, device=device), "in_channels": 4, "out_channels": 8,
                  "stride": 1, "state": block_state(4, 8, 1, torch.float32, device)}))
    return made


# convolutions and batch statistics: looser than elementwise
RTOL, ATOL = 1e-4, 1e-5
