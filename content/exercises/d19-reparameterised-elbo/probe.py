import torch


def _draw(solution, mu, logvar, seed, device):
    g = torch.Generator(device=device).manual_seed(seed)
    return solution.reparameterise(mu, logvar, generator=g)


def run(solution, inputs, device):
    mu0, lv0 = inputs["mu"].to(device), inputs["logvar"].to(device)
    x0, logits0, w = inputs["x"].to(device), inputs["logits"].to(device), inputs["w"].to(device)
    beta, seed = inputs["beta"], inputs["seed"]
    out = {}

    # contract: no input is modified in place (plain tensors, outside autograd)
    mu, lv, x, logits = mu0.clone(), lv0.clone(), x0.clone(), logits0.clone()
    _draw(solution, mu, lv, seed, device)
    solution.gaussian_kl(mu, lv)
    solution.elbo_loss(x, logits, mu, lv, beta)
    out["inputs are left unchanged"] = bool(torch.equal(mu, mu0) and torch.equal(lv, lv0)
                                            and torch.equal(x, x0) and torch.equal(logits, logits0))

    # 1. reparameterise
    mu, lv = mu0.clone().requires_grad_(True), lv0.clone().requires_grad_(True)
    z = _draw(solution, mu, lv, seed, device)
    out["z"] = z
    if not isinstance(z, torch.Tensor) or z.shape != mu0.shape:
        return out
    out["z is on the device of mu"] = z.device == mu0.device
    with torch.no_grad():
        again = _draw(solution, mu0.clone(), lv0.clone(), seed, device)
        other = _draw(solution, mu0.clone(), lv0.clone(), seed + 1, device)
    out["the same seed gives the same z"] = isinstance(again, torch.Tensor) and bool(torch.equal(again, z.detach()))
    out["another seed gives another z"] = isinstance(other, torch.Tensor) and not bool(torch.equal(other, z.detach()))
    if z.requires_grad:
        (z * w).sum().backward()
    out["z grad:mu"], out["z grad:logvar"] = mu.grad, lv.grad

    # 2. gaussian_kl
    mu, lv = mu0.clone().requires_grad_(True), lv0.clone().requires_grad_(True)
    kl = solution.gaussian_kl(mu, lv)
    out["kl"] = kl
    if not isinstance(kl, torch.Tensor) or kl.shape != mu0.shape[:1] or not kl.requires_grad:
        return out
    kl.sum().backward()
    out["kl grad:mu"], out["kl grad:logvar"] = mu.grad, lv.grad

    # 3. elbo_loss
    mu, lv = mu0.clone().requires_grad_(True), lv0.clone().requires_grad_(True)
    logits = logits0.clone().requires_grad_(True)
    loss = solution.elbo_loss(x0.clone(), logits, mu, lv, beta)
    out["loss"] = loss
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return out
    loss.backward()
    out["loss grad:logits"], out["loss grad:mu"], out["loss grad:logvar"] = logits.grad, mu.grad, lv.grad
    return out
