import torch


def _call(solution, inputs, device, seed):
    gen = torch.Generator(device=device).manual_seed(seed)
    ids = inputs["input_ids"].clone()  # clone keeps a non-contiguous layout
    special = inputs["special_mask"].clone()
    out = solution.mask_tokens(ids, special, inputs["mask_id"], inputs["vocab_size"],
                               mlm_prob=inputs["mlm_prob"], generator=gen)
    unchanged = torch.equal(ids, inputs["input_ids"]) and torch.equal(special, inputs["special_mask"])
    return out, unchanged


def _pair(out):
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return None, None, f"expected a tuple (masked_inputs, labels), got {type(out).__name__}"
    masked, labels = out
    for what, t in (("masked_inputs", masked), ("labels", labels)):
        if not isinstance(t, torch.Tensor):
            return None, None, f"{what}: expected a tensor, got {type(t).__name__}"
    return masked, labels, ""


def run(solution, inputs, device):
    seed = inputs["seed"]
    out, unchanged = _call(solution, inputs, device, seed)
    masked, labels, problem = _pair(out)
    result = {"problem": problem, "inputs_unchanged": unchanged}
    if problem:
        return result
    result.update(masked=masked, labels=labels, devices=[masked.device.type, labels.device.type])
    again, _ = _call(solution, inputs, device, seed)
    m2, l2, problem2 = _pair(again)
    result["same_seed_same_result"] = (not problem2 and torch.equal(m2, masked) and torch.equal(l2, labels))
    other, _ = _call(solution, inputs, device, seed + 1)
    m3, l3, problem3 = _pair(other)
    result["other_seed_differs"] = bool(problem3) or not (torch.equal(m3, masked) and torch.equal(l3, labels))
    return result
