import ast
import inspect
import textwrap

import torch

LOOPS = (ast.For, ast.While, ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)


def _vectorised(fn):
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return True
    return not any(isinstance(node, LOOPS) for node in ast.walk(tree))


def _iou(solution, inputs):
    a, b = inputs["a"], inputs["b"]
    before = [a.clone(), b.clone()]
    args = [a.clone(), b.clone()]  # clone keeps a non-contiguous layout
    out = solution.box_iou(*args)
    result = {"box_iou(a, b)": out}
    if isinstance(out, torch.Tensor):
        result["output device type"] = out.device.type
        if out.shape == (a.shape[0], b.shape[0]):
            back = solution.box_iou(args[1], args[0])
            result["box_iou(b, a) equals box_iou(a, b).T"] = bool(
                isinstance(back, torch.Tensor) and back.shape == out.T.shape
                and torch.allclose(back, out.T, rtol=1e-6, atol=1e-7, equal_nan=True))
    result["box_iou leaves a and b unchanged"] = all(torch.equal(x, y) for x, y in zip(args, before))
    result["box_iou is vectorised (no Python loop)"] = _vectorised(solution.box_iou)
    return result


def _nms(solution, inputs):
    boxes, scores = inputs["boxes"], inputs["scores"]
    before = [boxes.clone(), scores.clone()]
    args = [boxes.clone(), scores.clone()]
    keep = solution.nms(args[0], args[1], inputs["iou_threshold"])
    result = {"nms(boxes, scores, iou_threshold)": keep}
    if isinstance(keep, torch.Tensor):
        result["output device type"] = keep.device.type
    result["nms leaves boxes and scores unchanged"] = all(torch.equal(x, y) for x, y in zip(args, before))
    return result


def run(solution, inputs, device):
    return _iou(solution, inputs) if inputs["kind"] == "iou" else _nms(solution, inputs)
