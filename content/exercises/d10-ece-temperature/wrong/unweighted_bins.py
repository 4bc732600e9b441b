# expect: weight each bin's |acc - conf| by the share of samples in it
# Averages the per-bin gaps over the non-empty bins, as if every bin held as many samples.
import torch
import torch.nn.functional as F


def expected_calibration_error(probs, labels, n_bins=15):
    confidence, predicted = probs.max(dim=1)
    correct = (predicted == labels).to(probs.dtype)
    edges = torch.linspace(0, 1, n_bins + 1, dtype=probs.dtype, device=probs.device)
    gaps = []
    for lower, upper in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > lower) & (confidence <= upper)
        if in_bin.any():
            gaps.append((correct[in_bin].mean() - confidence[in_bin].mean()).abs())
    return torch.stack(gaps).mean()


def fit_temperature(logits, labels):
    logits = logits.detach()
    log_t = torch.zeros((), dtype=logits.dtype, device=logits.device, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=1.0, max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    opt.step(closure)
    return log_t.exp().item()
