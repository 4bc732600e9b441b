import torch


def cases(device):
    made = []
    for i, (name, channels, trainable, head_lr, factor, n, hw, dtype) in enumerate([
            ("feature extraction: 0 of 3 stages trainable", [3, 4, 8, 8], 0, 0.1, 0.1, 4, 8, torch.float32),
            ("last stage unfrozen: 1 of 3", [3, 4, 8, 8], 1, 0.05, 0.1, 4, 8, torch.float32),
            ("discriminative fine-tuning: all 3 stages", [3, 4, 8, 8], 3, 0.1, 0.01, 3, 8, torch.float32),
            ("batch of one, 2 of 4 stages", [3, 4, 6, 8, 8], 2, 0.02, 0.5, 1, 16, torch.float32),
            ("float64, one input channel, 1 of 2 stages", [1, 4, 6], 1, 0.1, 0.2, 5, 6, torch.float64)]):
        classes = 5
        made.append((name, {"x": torch.randn(n, channels[0], hw, hw, dtype=dtype, device=device),
                            "target": torch.randint(0, classes, (n,), device=device),
                            "channels": channels, "classes": classes, "seed": 100 + i,
                            "head_lr": head_lr, "backbone_lr_factor": factor, "trainable_stages": trainable}))
    return made


RTOL, ATOL = 1e-5, 1e-6
