# expect: the optimisation stopped before the minimum
# The widely copied snippet: LBFGS on T itself with lr=0.01 and max_iter=50 and no line search.
import torch
import torch.nn.functional as F


def expected_calibration_error(probs, labels, n_bins=15):
    confidence, predicted = probs.max(dim=1)
    correct = (predicted == labels).to(probs.dtype)
    edges = torch.linspace(0, 1, n_bins + 1, dtype=probs.dtype, device=probs.device)[1:-1]
    bins = torch.bucketize(confidence, edges)
    gap = torch.zeros(n_bins, dtype=probs.dtype, device=probs.device).index_add_(0, bins, correct - confidence)
    return gap.abs().sum() / probs.shape[0]


def fit_temperature(logits, labels):
    logits = logits.detach()
    temperature = torch.nn.Parameter(torch.ones(1, dtype=logits.dtype, device=logits.device) * 1.5)
    opt = torch.optim.LBFGS([temperature], lr=0.01, max_iter=50)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(logits / temperature, labels)
        loss.backward()
        return loss

    opt.step(closure)
    return temperature.item()
