import math

import torch

from quizzer.practice.compare import compare_value


def cases(device):
    def kl_values(b, l, dtype=torch.float32):
        mu, lv = torch.randn(b, l, dtype=dtype, device=device), torch.randn(b, l, dtype=dtype, device=device)
        return 0.5 * (mu ** 2 + lv.exp() - 1 - lv)  # the per-dim KL of N(mu, exp(lv)) from N(0, 1), >= 0

    def case(name, warm, warm_beta, warm_at, total, n, ratio, cyc_beta, kl, free_bits):
        return (name, {"warmup_steps": warm, "warmup_beta_max": warm_beta, "warmup_at": list(warm_at),
                       "total_steps": total, "n_cycles": n, "ratio": ratio, "cyc_beta_max": cyc_beta,
                       "kl": kl, "free_bits": free_bits})

    # dims on both sides of the floor, with per-sample values on both sides too
    mixed = torch.tensor([[0.02, 0.9, 0.30, 0.0, 2.0],
                          [0.08, 0.1, 0.02, 0.0, 0.05],
                          [0.04, 0.1, 0.01, 0.0, 0.05],
                          [0.03, 0.1, 0.03, 0.0, 0.10]], device=device)  # means 0.0425, 0.3, 0.09, 0, 0.55
    return [
        case("warm-up over 10 steps; 4 cycles of 25 steps, ratio 0.5; free bits 0.25 on 16 x 8 KLs",
             10, 1.0, range(16), 100, 4, 0.5, 1.0, kl_values(16, 8), 0.25),
        case("warmup_steps = 0; 4 cycles of 2.5 steps; free bits on a batch of one",
             0, 0.5, range(4), 10, 4, 0.5, 1.0, kl_values(1, 6), 0.3),
        case("warmup_steps = 1, beta_max = 2; one cycle, ratio 1 (a pure ramp); float64 KLs",
             1, 2.0, range(4), 90, 1, 1.0, 2.0, kl_values(10, 4, torch.float64), 0.5),
        case("warm-up over 7 steps to 0.2; 5 cycles of 10 steps, ratio 1 (pure ramps); non-contiguous KLs",
             7, 0.2, range(12), 50, 5, 1.0, 0.2, kl_values(6, 9).t(), 0.2),
        case("warm-up over 1000 steps; 3 cycles of 333.3 steps, ratio 0.8, beta_max 0.5; dims both sides of the floor",
             1000, 1.0, [0, 1, 250, 999, 1000, 1001, 5000], 1000, 3, 0.8, 0.5, mixed, 0.1),
        case("warm-up over 3 steps; 2 cycles of 3.5 steps, ratio 0.25; free bits 0 (plain KL)",
             3, 1.0, range(6), 7, 2, 0.25, 1.0, kl_values(5, 3), 0.0),
        case("warm-up over 4 steps; 4 cycles of 25 steps, ratio 0.5; free bits above every dim (no gradient)",
             4, 1.0, range(6), 100, 4, 0.5, 1.0, 0.01 * kl_values(8, 4).clamp(max=1.0), 5.0),
    ]


def _warm_variants(inputs):
    w, bm = inputs["warmup_steps"], inputs["warmup_beta_max"]
    at = inputs["warmup_at"]
    if w <= 0:
        return {"zero": [0.0 for s in at]}
    return {
        "early": [bm * min(1.0, (s + 1) / w) for s in at],
        "late": [bm * min(1.0, s / (w + 1)) for s in at],
        "no_clamp": [bm * s / w for s in at],
    }


WARM_TIPS = {
    "zero": "warmup_steps = 0 means no warm-up, so beta is beta_max from step 0 on, not 0",
    "early": "this reaches beta_max one step early ((step + 1) / warmup_steps): beta is 0 at step 0 and reaches "
             "beta_max exactly at step == warmup_steps: beta_max * min(1, step / warmup_steps)",
    "late": "this reaches beta_max one step late (step / (warmup_steps + 1)): beta reaches beta_max exactly at "
            "step == warmup_steps: beta_max * min(1, step / warmup_steps)",
    "no_clamp": "beta keeps growing after the warm-up: clamp it, beta_max * min(1, step / warmup_steps)",
}


def _cyc_variants(inputs):
    t, n, r, bm = inputs["total_steps"], inputs["n_cycles"], inputs["ratio"], inputs["cyc_beta_max"]
    ip = max(t // n, 1)
    return {
        "int_period": [bm * min(1.0, (s % ip) / ip / r) for s in range(t)],
        "ratio_of_total": [bm * min(1.0, (s * n % t) / t * (t / n) / (r * t)) for s in range(t)],
        "one_based": [bm * min(1.0, (((s + 1) * n - 1) % t + 1) / t / r) for s in range(t)],
        "no_clamp": [bm * (s * n % t) / t / r for s in range(t)],
    }


CYC_TIPS = {
    "int_period": "this uses an integer cycle length (total_steps // n_cycles); the cycle is total_steps / n_cycles "
                  "steps long, a float when n_cycles does not divide total_steps, so cycles drift apart",
    "ratio_of_total": "the ramp here lasts ratio · total_steps; it lasts ratio · period, the first `ratio` fraction "
                      "of each cycle: beta = beta_max * min(1, tau / ratio) with tau the position in the cycle",
    "one_based": "each cycle here starts at beta_max (steps counted from 1); a cycle restarts at beta = 0 at its "
                 "first step, where tau = (step mod period) / period = 0",
    "no_clamp": "beta goes above beta_max: after the ramp it stays at beta_max, min(1, tau / ratio)",
}


def _schedule_problem(key, expected, actual, variants, tips, steps, what):
    got = actual.get(key)
    if not isinstance(got, list) or len(got) != len(expected):
        return compare_value(key, expected, got, 0.0, 1e-9)
    for s, e, a in zip(steps, expected, got):
        if isinstance(a, str):
            tip = ""
            if "ZeroDivisionError" in a and what == "linear_warmup":
                tip = (" — warmup_steps = 0 means no warm-up: return beta_max at once, before dividing by "
                       "warmup_steps")
            return f"{what}: at step {s} it {a}{tip}"
        if not isinstance(a, (int, float)) or isinstance(a, bool):
            return (f"{what}: at step {s}: return a plain Python float, got {type(a).__name__} (use float(...); a "
                    "schedule is a number, not part of the graph)")
        if not math.isclose(float(a), e, rel_tol=1e-9, abs_tol=1e-9):
            for mistake, vals in variants.items():
                if all(math.isclose(float(x), v, rel_tol=1e-9, abs_tol=1e-9) for x, v in zip(got, vals)
                       if not isinstance(x, str)):
                    return f"{what}: at step {s} expected {e:.6g}, got {float(a):.6g} — {tips[mistake]}"
            return f"{what}: at step {s} expected {e:.6g}, got {float(a):.6g}"
    return None


def _types_problem(key, actual, what):
    types = actual.get(key)
    if types != ["float"]:
        bad = [t for t in types if t != "float"] if isinstance(types, list) else types
        return (f"{what}: return a plain Python float; got {', '.join(bad)} for some steps (use float(...), "
                "no tensors or numpy numbers: a schedule is a number, not part of the graph)")
    return None


def compare(name, inputs, expected, actual):
    t = inputs["total_steps"]
    problem = (_schedule_problem("linear_warmup", expected["linear_warmup"], actual, _warm_variants(inputs), WARM_TIPS,
                                 inputs["warmup_at"], "linear_warmup")
               or _types_problem("linear_warmup types", actual, "linear_warmup")
               or _schedule_problem("cyclical_beta", expected["cyclical_beta"], actual, _cyc_variants(inputs),
                                    CYC_TIPS, range(t), "cyclical_beta")
               or _types_problem("cyclical_beta types", actual, "cyclical_beta"))
    if problem:
        return problem
    if not actual.get("free_bits_kl leaves its input unchanged"):
        return "free_bits_kl: the input was modified in place (clamp_, ...): use out-of-place operations"
    loss = actual.get("free_bits_kl")
    if not isinstance(loss, torch.Tensor):
        return (f"free_bits_kl: expected a 0-dim tensor, got {type(loss).__name__}: it is part of the loss, so keep "
                "it a tensor (no .item() or float()) for the gradient to flow")
    if loss.shape != ():
        return (f"free_bits_kl: expected a 0-dim tensor, got shape {tuple(loss.shape)}: average over the batch "
                "(dim 0), clamp each dim, then sum over the dims")
    if loss.dtype != expected["free_bits_kl"].dtype:
        return (f"free_bits_kl: expected dtype {expected['free_bits_kl'].dtype} (that of kl_per_dim), got {loss.dtype}: "
                "no .double() or .float(); mean, clamp and sum keep the input's dtype")
    problem = compare_value("free_bits_kl", expected["free_bits_kl"], loss, 1e-5, 1e-6)
    if problem:
        kl = inputs["kl"].cpu().double()
        fb = inputs["free_bits"]
        variants = {
            "per sample: clamp each sample's KL, then average (kl.clamp(min=free_bits).mean(0).sum()); average over "
            "the batch first, then clamp each dim": kl.clamp(min=fb).mean(0).sum(),
            "the floor is on the total KL here (max(free_bits, KL summed over dims)); free bits floor each latent "
            "dim separately: kl_per_dim.mean(0).clamp(min=free_bits).sum()": kl.sum(1).mean().clamp(min=fb),
            "this averages over the latent dims; the KL of the dims is a sum: .mean(0).clamp(min=free_bits).sum()":
                kl.mean(0).clamp(min=fb).mean(),
            "this sums over the batch; average over it (dim 0) before the floor": kl.sum(0).clamp(min=fb).sum(),
            "this averages over the latent dims (dim 1) per sample; average over the batch (dim 0), one value per "
            "latent dim, then clamp: kl_per_dim.mean(dim=0).clamp(min=free_bits).sum()": kl.mean(1).clamp(min=fb).sum(),
            "this caps each dim at free_bits (clamp(max=...)); free bits are a floor: clamp(min=free_bits)":
                kl.mean(0).clamp(max=fb).sum(),
        }
        for tip, v in variants.items():
            if math.isclose(float(loss), float(v), rel_tol=1e-4, abs_tol=1e-6):
                return f"free_bits_kl: {problem} — {tip}"
        return f"free_bits_kl: {problem} — the value is sum_j max(free_bits, mean_b kl_per_dim[b, j])"
    grad = actual.get("free_bits_kl grad:kl_per_dim")
    if grad is None:
        return "free_bits_kl: the result is not connected to kl_per_dim in the autograd graph"
    problem = compare_value("free_bits_kl grad:kl_per_dim", expected["free_bits_kl grad:kl_per_dim"], grad, 1e-5, 1e-7)
    if problem:
        return (f"free_bits_kl: {problem} — a dim whose batch-mean KL is below free_bits gets gradient 0, a dim above "
                "it gets 1/B for each of its B elements")
    return None
