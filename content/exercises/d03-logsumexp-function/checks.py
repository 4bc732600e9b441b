import torch


def cases(device):
    made = []
    for name, shape, dtype, shift in [("4 rows of 5", (4, 5), torch.float32, 0.0),
                                      ("batch of one", (1, 7), torch.float32, 0.0),
                                      ("last dim of size 1", (3, 1), torch.float32, 0.0),
                                      ("large entries around 1000 (naive exp overflows)", (2, 6), torch.float32, 1000.0),
                                      ("3-D float64", (2, 3, 4), torch.float64, 0.0)]:
        x = 3 * torch.randn(shape, dtype=dtype, device=device) + shift
        made.append((name, {"x": x, "upstream": torch.randn(shape[:-1], dtype=dtype, device=device)}))
    x = 3 * torch.randn(6, 4, device=device)
    made.append(("non-contiguous x", {"x": x.t(), "upstream": torch.randn(4, device=device)}))
    return made


# a sum inside a log: looser than elementwise
RTOL, ATOL = 1e-5, 1e-5
