# expect: were left out of every bin
# Tests lower < c < upper: a confidence exactly on an edge, or exactly 1.0, lands in no bin and is dropped.
import torch
import torch.nn.functional as F

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

def expected_calibration_error(probs, labels, n_bins=15):
    confidence, predicted = probs.max(dim=1)
    correct = (predicted == labels).to(probs.dtype)
    edges = torch.linspace(0, 1, n_bins + 1, dtype=probs.dtype, device=probs.device)
    ece = torch.zeros((), dtype=probs.dtype, device=probs.device)
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (confidence > lo) & (confidence < hi)
        if m.any():
            ece += m.float().mean() * (correct[m].mean() - confidence[m].mean()).abs()
    return ece
