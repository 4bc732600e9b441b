import torch
import torch.nn.functional as F


def expected_calibration_error(probs: torch.Tensor, labels: torch.Tensor, n_bins: int = 15) -> torch.Tensor:
    confidence, predicted = probs.max(dim=1)  # top probability and its class, (N,) each
    correct = (predicted == labels).to(probs.dtype)
    # bin m holds the confidences in (m / M, (m + 1) / M]; bucketize's default (right=False)
    # returns i with edges[i - 1] < c <= edges[i], so the inner edges give exactly that rule
    edges = torch.linspace(0, 1, n_bins + 1, dtype=probs.dtype, device=probs.device)[1:-1]
    bin_index = torch.bucketize(confidence, edges)
    # sum_m |B_m| / N * |acc(B_m) - conf(B_m)| = sum_m |sum_{i in B_m} (correct_i - conf_i)| / N;
    # an empty bin adds 0, so no 0/0 appears
    gap = torch.zeros(n_bins, dtype=probs.dtype, device=probs.device).index_add_(0, bin_index, correct - confidence)
    return gap.abs().sum() / probs.shape[0]


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor) -> float:
    logits = logits.detach()  # the model is fixed: only T is learned
    log_t = torch.zeros((), dtype=logits.dtype, device=logits.device, requires_grad=True)  # T = exp(log_t) > 0
    optimizer = torch.optim.LBFGS([log_t], lr=1.0, max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)  # the NLL of the scaled logits
        loss.backward()
        return loss

    optimizer.step(closure)
    return log_t.exp().item()
