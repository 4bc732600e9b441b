import math

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value

LOG100 = math.log(100)


def cases(device):
    def case(name, n, d, scale, dtype=torch.float32, lengths=1.0, aligned=0.0, duplicate=False):
        img = torch.randn(n, d, dtype=dtype, device=device)
        txt = aligned * img + torch.randn(n, d, dtype=dtype, device=device)  # aligned > 0: matching pairs
        if duplicate:
            txt[1] = txt[0]  # two identical captions: a tie between two columns
        return (name, {"image_emb": img * lengths, "text_emb": txt,
                       "logit_scale": torch.tensor(scale, dtype=dtype, device=device)})

    lengths = torch.logspace(-3, 3, 6).reshape(6, 1)
    return [
        case("8 pairs, d = 16, logit_scale = log(1/0.07)", 8, 16, math.log(1 / 0.07)),
        case("5 pairs, d = 4, logit_scale = 0 (scale 1), partly aligned", 5, 4, 0.0, aligned=1.5),
        case("image rows of lengths 1e-3 ... 1e3, d = 8", 6, 8, 1.0, lengths=lengths.to(device)),
        case("logit_scale = 10 is clamped to log(100)", 6, 8, 10.0, aligned=1.0),
        case("logit_scale = 100: exp would overflow float32 before a clamp", 4, 8, 100.0),
        # 4.0, not exactly log(100): at the clamp boundary torch.minimum and clamp have different (valid) subgradients
        case("duplicate captions (a tie), logit_scale = 4", 6, 8, 4.0, aligned=2.0, duplicate=True),
        case("batch of one", 1, 8, 2.0),
        case("float64, 10 pairs, d = 32, logit_scale = 3", 10, 32, 3.0, dtype=torch.float64),
    ]


RTOL, ATOL = 1e-4, 1e-6


def _variants(inputs):
    """The loss as common mistakes compute it (float64), to name the mistake."""
    img_raw, txt_raw = (inputs[k].detach().cpu().double() for k in ("image_emb", "text_emb"))
    s = float(inputs["logit_scale"])
    img, txt = F.normalize(img_raw, dim=-1), F.normalize(txt_raw, dim=-1)
    n = img.shape[0]
    labels = torch.arange(n)
    clamped = min(s, LOG100)

    def sym(logits):
        return float((F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2)

    cos = img @ txt.T
    return {
        "normalise_dim0": sym(math.exp(clamped) * F.normalize(img_raw, dim=0) @ F.normalize(txt_raw, dim=0).T),
        "no_normalise": sym(math.exp(clamped) * img_raw @ txt_raw.T),
        "one_direction": float(F.cross_entropy(math.exp(clamped) * cos, labels)),
        "other_direction": float(F.cross_entropy(math.exp(clamped) * cos.T, labels)),
        "divide": sym(cos / math.exp(clamped)),
        "no_exp": sym(clamped * cos),
        "no_clamp": sym(math.exp(s) * cos) if s < 700 else math.nan,
        "probabilities": float((F.cross_entropy((math.exp(clamped) * cos).softmax(dim=1), labels)
                                + F.cross_entropy((math.exp(clamped) * cos.T).softmax(dim=1), labels)) / 2),
        "sum": 2 * sym(math.exp(clamped) * cos),
        "reduction_sum": n * sym(math.exp(clamped) * cos),
    }


def _variants_reference(inputs):
    img, txt = (F.normalize(inputs[k].detach().cpu().double(), dim=-1) for k in ("image_emb", "text_emb"))
    logits = math.exp(min(float(inputs["logit_scale"]), LOG100)) * img @ txt.T
    labels = torch.arange(img.shape[0])
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2


TIPS = {
    "no_normalise": ("the embeddings were not L2-normalised: divide each row by its norm (F.normalize(x, dim=-1)) "
                     "so that img @ txt.T are cosine similarities and an embedding's length does not count"),
    "one_direction": ("only the image-to-text direction is there; CLIP averages both: cross_entropy(logits, labels) "
                      "and cross_entropy(logits.T, labels), divided by 2"),
    "other_direction": ("only the text-to-image direction is there; CLIP averages both: cross_entropy(logits, "
                        "labels) and cross_entropy(logits.T, labels), divided by 2"),
    "divide": ("the similarities were divided by exp(logit_scale); logit_scale is the log of the inverse "
               "temperature: multiply by exp(logit_scale) (that is the same as dividing by the temperature "
               "exp(-logit_scale))"),
    "no_exp": ("logit_scale multiplies the similarities directly; it is a log value: multiply by "
               "exp(logit_scale), which keeps the scale positive whatever the optimiser does"),
    "no_clamp": ("the scale was not clamped: exp(logit_scale) may not exceed 100, so clamp the log value first: "
                 "logit_scale.clamp(max=math.log(100)).exp()"),
    "probabilities": ("F.cross_entropy was given softmax probabilities; it applies log_softmax itself, so pass "
                      "the raw logits (softmax twice squashes the loss towards log n)"),
    "normalise_dim0": ("the embeddings were normalised along dim 0 (each feature over the batch); normalise each "
                       "row, one embedding, with F.normalize(x, dim=-1)"),
    "reduction_sum": ("each cross-entropy was summed over the batch (reduction='sum'); CLIP uses the mean over the "
                      "n pairs, F.cross_entropy's default reduction='mean', so the loss does not grow with the batch"),
    "sum": "this is the sum of the two directions; CLIP's loss is their average: divide by 2",
}


def _diagnose(key, inputs, actual):
    value = actual.get(key)
    if key == "on_device":
        return "the loss must be on the embeddings' device: create labels with device=logits.device"
    if key == "inputs_unchanged":
        return ("an input was modified in place (a clamp_ of logit_scale or logit_scale.data, a div_ of an "
                "embedding); CLIP's training loop clamps the parameter, but a loss function must not: "
                "use the out-of-place logit_scale.clamp(max=math.log(100))")
    if key.startswith("grad:"):
        name = key[5:]
        if value is None:
            return f"no gradient reached {name}: keep it in the graph (no .detach(), .item(), .data)"
        if isinstance(value, torch.Tensor) and not bool(value.isfinite().all()):
            return ("the gradient is not finite: exp(logit_scale) overflowed to inf before the clamp; clamp the "
                    "log value first, logit_scale.clamp(max=math.log(100)).exp(), so exp never sees 100")
        return ""
    if key != "loss":
        return ""
    if not isinstance(value, torch.Tensor):
        return "return the loss as a tensor (no .item() or float()), so that gradients can flow"
    if value.shape != ():
        return "return one number: the mean cross-entropy of each direction, averaged over the two directions"
    got = float(value)
    if value.dtype != inputs["image_emb"].dtype:
        return ("keep the embeddings' dtype: no .float() or float32 constants; float64 inputs give a float64 loss")
    if not math.isfinite(got):
        return ("the loss is not finite: either exp(logit_scale) overflowed (clamp the log value before the exp, "
                "logit_scale.clamp(max=math.log(100)).exp(), so the scale is at most 100) or a hand-written "
                "softmax took logits.exp() of logits up to 100, which overflows float32; use F.cross_entropy, "
                "which subtracts the maximum (log-sum-exp) before exponentiating")
    right = float(_variants_reference(inputs))
    for mistake, loss in _variants(inputs).items():
        if math.isclose(loss, right, rel_tol=1e-6, abs_tol=1e-9):
            continue  # this mistake gives the right value on this case: it cannot be the cause
        if math.isfinite(loss) and math.isclose(got, loss, rel_tol=1e-4, abs_tol=1e-6):
            return TIPS[mistake]
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _diagnose(key, inputs, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
