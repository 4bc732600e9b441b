import torch


def _state(i, h, o, temperature, device):
    return {"fc1.weight": torch.randn(h, i, device=device) / i ** 0.5, "fc1.bias": 0.1 * torch.randn(h, device=device),
            "fc2.weight": torch.randn(o, h, device=device) / h ** 0.5, "fc2.bias": 0.1 * torch.randn(o, device=device),
            "temperature": torch.tensor(temperature, device=device)}


def cases(device):
    made = []
    for name, sizes, lead, init_t, t, noncontig in [("4 → 8 → 3, batch of 5", (4, 8, 3), (5,), 1.0, 0.5, False),
                                                    ("batch of one", (6, 5, 2), (1,), 2.0, 1.5, False),
                                                    ("one hidden unit, one output", (3, 1, 1), (4,), 0.7, 2.0, False),
                                                    ("3-D input (2, 3, 4)", (4, 6, 5), (2, 3), 1.0, 0.8, False),
                                                    ("non-contiguous x", (5, 7, 3), (6,), 1.3, 1.2, True)]:
        i, h, o = sizes
        x = torch.randn(i, *lead, device=device).t() if noncontig else torch.randn(*lead, i, device=device)
        made.append((name, {"x": x, "upstream": torch.randn(*lead, o, device=device), "sizes": sizes,
                            "init_temperature": init_t, "state": _state(i, h, o, t, device)}))
    return made


# two small matmuls: a little looser than elementwise
RTOL, ATOL = 1e-5, 1e-5
