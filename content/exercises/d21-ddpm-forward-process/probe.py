import torch


def _schedule(solution, inputs):
    T, s, max_beta = inputs["T"], inputs["s"], inputs["max_beta"]
    start, end = inputs["beta_start"], inputs["beta_end"]
    betas = inputs["betas"].cpu()
    before = betas.clone()
    out = {
        "linear_betas(T)": solution.linear_betas(T),
        f"linear_betas(T, beta_start={start:g}, beta_end={end:g})": solution.linear_betas(T, start, end),
        "cosine_betas(T)": solution.cosine_betas(T),
        f"cosine_betas(T, s={s:g}, max_beta={max_beta:g})": solution.cosine_betas(T, s=s, max_beta=max_beta),
        "alphas_cumprod(betas)": solution.alphas_cumprod(betas),
    }
    out["alphas_cumprod leaves betas unchanged"] = bool(torch.equal(betas, before))
    cos = out[f"cosine_betas(T, s={s:g}, max_beta={max_beta:g})"]
    if isinstance(cos, torch.Tensor) and cos.dim() == 1 and cos.numel() == T:
        c = cos.detach().double().cpu()
        out["cosine: every beta is at most max_beta"] = bool((c <= max_beta).all())
        out["cosine: betas never decrease"] = bool((c[1:] >= c[:-1] - 1e-15).all())
        a = torch.cumprod(1 - c, 0)
        out["cosine: alpha_bar at t = T - 1 is below 1e-3 (almost pure noise)"] = bool(a[-1] < 1e-3)
        out["cosine: alpha_bar at t = 0 is above 0.99 (almost clean)"] = bool(a[0] > 0.99)
    return out


def run(solution, inputs, device):
    if inputs["kind"] == "schedule":
        return _schedule(solution, inputs)
    x0, t, noise = inputs["x0"], inputs["t"], inputs["noise"]
    acp = inputs["acp"].cpu() if inputs["acp_on_cpu"] else inputs["acp"]
    originals = [x0.clone(), t.clone(), acp.clone(), noise.clone()]
    args = [x0.clone(), t.clone(), acp.clone(), noise.clone()]  # clone keeps non-contiguous strides
    out_t = solution.q_sample(*args)
    out = {"output": out_t}
    if isinstance(out_t, torch.Tensor):
        out["output device type"] = out_t.device.type
    out["no input is modified in place"] = all(torch.equal(a, b) for a, b in zip(args, originals))
    return out
