import torch


def cases(device):
    made = []
    for name, n, d, dtype, lr, steps, contiguous in [("64 samples, 3 features", 64, 3, torch.float32, 0.15, 100, True),
                                                     ("one feature", 40, 1, torch.float32, 0.2, 60, True),
                                                     ("a single sample (underdetermined)", 1, 2, torch.float32, 0.1, 100, True),
                                                     ("float64, 5 features", 100, 5, torch.float64, 0.1, 150, True),
                                                     ("non-contiguous X", 50, 4, torch.float32, 0.1, 120, False)]:
        X = torch.randn(n, d, dtype=dtype, device=device) if contiguous else torch.randn(d, n, dtype=dtype, device=device).t()
        w_true = torch.randn(d, dtype=dtype, device=device)
        y = X @ w_true + 0.5 + 0.1 * torch.randn(n, dtype=dtype, device=device)
        made.append((name, {"X": X, "y": y, "lr": lr, "steps": steps}))
    return made


# iterates of a long loop: compare loosely (float32 sums in a different order drift a little)
RTOL, ATOL = 1e-4, 1e-4
