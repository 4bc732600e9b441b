import torch


def run(solution, inputs, device):
    logits = inputs["logits"].clone().requires_grad_(True)  # clone keeps a non-contiguous layout
    ids = inputs["input_ids"].clone()
    mask = inputs["attention_mask"].clone() if inputs["attention_mask"] is not None else None
    loss = solution.causal_lm_loss(logits, ids, attention_mask=mask, ignore_index=inputs["ignore_index"])
    unchanged = torch.equal(ids, inputs["input_ids"]) and (mask is None or torch.equal(mask, inputs["attention_mask"]))
    result = {"inputs_unchanged": unchanged, "output": loss}
    if not isinstance(loss, torch.Tensor) or loss.shape != () or not loss.requires_grad:
        return result  # shape or a missing graph is reported before gradients
    ppl = solution.perplexity(loss.detach().clone())
    result["perplexity_type"] = type(ppl).__name__
    result["perplexity"] = float(ppl) if isinstance(ppl, (int, float)) or (
        isinstance(ppl, torch.Tensor) and ppl.numel() == 1) else float("nan")
    loss.backward()
    result["grad:logits"] = logits.grad
    return result
