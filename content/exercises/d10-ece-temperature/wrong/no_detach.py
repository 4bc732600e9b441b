# expect: detach the logits first
# Never detaches the logits: on logits that still require grad, each backward also runs into the model's graph.
import torch
import torch.nn.functional as F

def expected_calibration_error(probs, labels, n_bins=15):
    confidence, predicted = probs.max(dim=1)
    correct = (predicted == labels).to(probs.dtype)
    edges = torch.linspace(0, 1, n_bins + 1, dtype=probs.dtype, device=probs.device)[1:-1]
    b = torch.bucketize(confidence, edges)
    gap = torch.zeros(n_bins, dtype=probs.dtype, device=probs.device).index_add_(0, b, correct - confidence)
    return gap.abs().sum() / probs.shape[0]

def fit_temperature(logits, labels):
    log_t = torch.zeros((), dtype=logits.dtype, device=logits.device, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=1.0, max_iter=100, line_search_fn="strong_wolfe")
    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss
    opt.step(closure)
    return log_t.exp().item()
