import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value


def cases(device):
    def case(name, b, c, h, w, patch, d, dtype=torch.float32, scale=1.0, strided=False, error=False):
        if strided:  # channels-last images and a (D, P, P, C) weight seen as (D, C, P, P): both non-contiguous
            images = torch.randn(b, h, w, c, dtype=dtype, device=device).permute(0, 3, 1, 2)
            weight = torch.randn(d, patch, patch, c, dtype=dtype, device=device).permute(0, 3, 1, 2)
        else:
            images = torch.randn(b, c, h, w, dtype=dtype, device=device)
            weight = torch.randn(d, c, patch, patch, dtype=dtype, device=device)
        n = (h // patch) * (w // patch)
        inputs = {
            "images": images * scale,
            "weight": weight / (c * patch * patch) ** 0.5,
            "bias": torch.randn(d, dtype=dtype, device=device),
            "patch": patch,
            "cls_token": torch.randn(1, 1, d, dtype=dtype, device=device),
            "pos_embed": torch.randn(1, 1 + n, d, dtype=dtype, device=device),
            "upstream": torch.randn(b, 1 + n, d, dtype=dtype, device=device),
        }
        if error:
            inputs["expect_error"] = True
        return (name, inputs)

    return [
        case("2 RGB images 8x8, patch 4, D = 6", 2, 3, 8, 8, 4, 6),
        case("non-square 8x12 grey images (C = 1), patch 4", 3, 1, 8, 12, 4, 5),
        case("batch of one, float64, 6x9 RGB, patch 3", 1, 3, 6, 9, 3, 4, dtype=torch.float64),
        case("float64, tall 16x8 images, C = 2, patch 4", 2, 2, 16, 8, 4, 7, dtype=torch.float64),
        case("non-contiguous images (channels-last) and weight, 12x8, patch 4", 2, 3, 12, 8, 4, 6, strided=True),
        case("pixel values up to about 255, 10x10, patch 5", 2, 3, 10, 10, 5, 8, scale=100.0),
        case("patch = 1: every pixel is a token, 3x4", 2, 2, 3, 4, 1, 3),
        case("patch = H = W: a single patch token, 4x4", 2, 3, 4, 4, 4, 5),
        case("H = 10 is not divisible by patch 4", 1, 3, 10, 8, 4, 5, error=True),
        case("W = 7 is not divisible by patch 2", 2, 1, 6, 7, 2, 3, error=True),
    ]


RTOL, ATOL = 1e-5, 1e-5


def _grid(inputs):
    x, w, b = (inputs[k].detach().cpu().double() for k in ("images", "weight", "bias"))
    return F.conv2d(x, w, b, stride=inputs["patch"])  # (B, D, h, w)


def _token_variants(inputs):
    x, w, b = (inputs[k].detach().cpu().double() for k in ("images", "weight", "bias"))
    p = inputs["patch"]
    bsz, c, height, width = x.shape
    grid = _grid(inputs)
    pcc = (x.reshape(bsz, c, height // p, p, width // p, p).permute(0, 2, 4, 3, 5, 1)
           .reshape(bsz, -1, c * p * p))  # patches flattened (P, P, C)
    return {
        "column_major": grid.transpose(2, 3).flatten(2).transpose(1, 2),
        "ppc_order": pcc @ w.reshape(w.shape[0], -1).T + b,
        "no_bias": grid.flatten(2).transpose(1, 2) - b,
    }


def _embed_variants(inputs):
    tokens = _grid(inputs).flatten(2).transpose(1, 2)
    cls = inputs["cls_token"].detach().cpu().double().expand(tokens.shape[0], -1, -1)
    pos = inputs["pos_embed"].detach().cpu().double()
    return {
        "cls_at_end": torch.cat([tokens, cls], dim=1) + pos,
        "pos_before_cls": torch.cat([cls, tokens + pos[:, 1:]], dim=1),
        "no_positions": torch.cat([cls, tokens], dim=1),
    }


TIPS = {
    "column_major": ("the tokens are in column-major order; token index must be row * (W/P) + col: flatten "
                     "the (B, D, H/P, W/P) grid row by row with .flatten(2).transpose(1, 2), and in the unfold "
                     "path keep F.unfold's column order (no transpose of the grid dims)"),
    "ppc_order": ("each patch is flattened in (P, P, C) order (channels last), but weight.reshape(D, -1) "
                  "flattens the conv weight as (C, P, P); flatten every patch channel first, which is "
                  "F.unfold's order, so that the linear path equals the conv path"),
    "no_bias": "the bias is missing: add bias (D,) to every token",
    "cls_at_end": ("the class token is at the end; ViT puts it first (token 0), before the patches: "
                   "torch.cat([cls, tokens], dim=1)"),
    "pos_before_cls": ("the positions were added to the patches before the class token was prepended, so the "
                       "class token got no position; prepend first, then add the whole (1, 1 + N, D) pos_embed"),
    "no_positions": "pos_embed is missing: add it to the (B, 1 + N, D) sequence",
}


def _diagnose(key, inputs, actual):
    value = actual.get(key)
    if key.startswith("raises:"):
        if value.startswith("nothing"):
            return (f"{key[7:]} must raise ValueError when H or W is not a multiple of patch: F.unfold and "
                    "F.conv2d(stride=patch) silently drop the leftover rows and columns, and the model would "
                    "never see that border; check images.shape[-2:] first")
        if value == "ValueError without a message":
            return "give the ValueError a message that names the sizes, so the caller knows what to fix"
        return "raise ValueError (a bad argument value), before calling unfold or conv2d"
    if key == "on_device":
        return "every output must stay on the device of the images: create new tensors with device=images.device"
    if key == "inputs_unchanged":
        return ("an input was modified in place (+=, add_, copy_ or a slice assignment on images, weight, bias, "
                "cls_token or pos_embed); build new tensors instead")
    if key.startswith("grad:"):
        name = key[5:]
        if value is None:
            return (f"no gradient reached {name}: it left the autograd graph (.detach(), .data, torch.tensor(...) "
                    f"or a no_grad block); cls_token.expand(B, -1, -1) and torch.cat keep it in the graph")
        return ""
    if not isinstance(value, torch.Tensor):
        return "return a tensor"
    if key in ("patchify_linear", "patchify_conv"):
        bsz, _, height, width = inputs["images"].shape
        n = (height // inputs["patch"]) * (width // inputs["patch"])
        if value.dim() == 4:
            return "flatten the (B, D, H/P, W/P) grid into tokens: the result is (B, N, D)"
        if value.shape == (bsz, inputs["weight"].shape[0], n):
            return "the last two dims are swapped: tokens are (B, N, D), so transpose(1, 2) after flattening"
        variants = _token_variants(inputs)
    elif key == "embed":
        n = inputs["pos_embed"].shape[1] - 1
        if value.dim() == 3 and value.shape[1] == n:
            return ("the class token is missing: the sequence is 1 + N tokens; prepend "
                    "cls_token.expand(B, -1, -1) with torch.cat(..., dim=1) before adding pos_embed")
        variants = _embed_variants(inputs)
    else:
        return ""
    if value.shape != next(iter(variants.values())).shape:
        return ""
    for mistake, wrong in variants.items():
        if torch.allclose(value.double(), wrong, rtol=1e-4, atol=1e-4):
            return TIPS[mistake]
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            if ": expected dtype" in problem:
                return (f"{problem} — keep the inputs' dtype: no .float() or float32 constants; float64 images "
                        "give a float64 result")
            tip = _diagnose(key, inputs, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
