import torch


def run(solution, inputs, device):
    x, recon0, h0 = inputs["x"].to(device), inputs["recon"].to(device), inputs["h"].to(device)
    rho, beta, eps = inputs["rho"], inputs["beta"], inputs["eps"]
    h = h0.clone().requires_grad_(True)  # clone keeps the strides, so a non-contiguous h stays so
    penalty = solution.kl_sparsity_penalty(h, rho, eps)
    out = {"h is left unchanged": bool(torch.equal(h.detach(), h0))}
    if not isinstance(penalty, torch.Tensor) or penalty.shape != () or not penalty.requires_grad:
        out["penalty"] = penalty  # shape or a missing graph is reported before gradients
        return out
    out["penalty"] = penalty
    penalty.backward()
    out["grad:h"] = h.grad
    h2 = h0.clone().requires_grad_(True)
    recon = recon0.clone().requires_grad_(True)
    xin = x.clone()
    loss = solution.sparse_loss(xin, recon, h2, rho, beta, eps)
    out["sparse_loss: inputs are left unchanged"] = bool(torch.equal(xin, x) and torch.equal(recon.detach(), recon0)
                                                         and torch.equal(h2.detach(), h0))
    out["sparse_loss"] = loss
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return out
    loss.backward()
    out["sparse_loss: grad:recon"] = recon.grad
    out["sparse_loss: grad:h"] = h2.grad
    return out
