import torch


def last_and_mean(output: torch.Tensor, lengths: torch.Tensor | list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.as_tensor(lengths, device=output.device)  # a list or a CPU tensor; a new tensor if moved
    n, t, _ = output.shape
    last = output[torch.arange(n, device=output.device), lengths - 1]  # (N, H)
    mask = torch.arange(t, device=output.device) < lengths[:, None]  # (N, T): True at valid steps
    total = torch.where(mask[..., None], output, 0).sum(dim=1)  # where, not *: 0 * NaN is NaN
    return last, total / lengths[:, None]
