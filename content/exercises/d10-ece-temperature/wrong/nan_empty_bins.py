# expect: NaN comes from an empty bin
# Computes every bin's accuracy and mean confidence as sum / count, also for empty bins (0 / 0).
import torch
import torch.nn.functional as F


def expected_calibration_error(probs, labels, n_bins=15):
    confidence, predicted = probs.max(dim=1)
    correct = (predicted == labels).to(probs.dtype)
    edges = torch.linspace(0, 1, n_bins + 1, dtype=probs.dtype, device=probs.device)[1:-1]
    bins = torch.bucketize(confidence, edges)
    zeros = torch.zeros(n_bins, dtype=probs.dtype, device=probs.device)
    count = zeros.index_add(0, bins, torch.ones_like(confidence))
    acc = zeros.index_add(0, bins, correct) / count
    conf = zeros.index_add(0, bins, confidence) / count
    return (count / len(probs) * (acc - conf).abs()).sum()


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
