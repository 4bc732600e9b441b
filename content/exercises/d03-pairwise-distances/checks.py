import torch


def cases(device):
    made = []
    for name, n, m, d, dtype in [("3 points vs 4 points in 2-D", 3, 4, 2, torch.float32),
                                 ("single point", 1, 5, 3, torch.float32),
                                 ("batch of 7 vs 6 in 16-D", 7, 6, 16, torch.float32),
                                 ("float64", 4, 4, 8, torch.float64)]:
        x = torch.randn(n, d, dtype=dtype, device=device)
        y = torch.randn(m, d, dtype=dtype, device=device)
        made.append((name, {"x": x, "y": y, "upstream": torch.randn(n, m, dtype=dtype, device=device)}))
    made.append(("non-contiguous x", {"x": torch.randn(5, 3, device=device).t(), "y": torch.randn(2, 5, device=device),
                                      "upstream": torch.randn(3, 2, device=device)}))
    return made


# sums of squares: looser than elementwise
RTOL, ATOL = 1e-5, 1e-5
