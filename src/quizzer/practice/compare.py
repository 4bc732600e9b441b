"""Comparing the learner's outputs with the reference: shape and dtype before values, messages
that point at the problem (never at the hidden check's source)."""

from __future__ import annotations

import math
from typing import Any

import torch

# assert_close's defaults for elementwise work; matmuls and reductions get looser ones per exercise
DEFAULT_TOL = {torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5), torch.float32: (1.3e-6, 1e-5),
               torch.float64: (1e-7, 1e-7)}


def _label(key: str) -> str:
    if key.startswith("grad:"):
        return f"gradient w.r.t. `{key[5:]}`"
    return f"`{key}`" if key != "output" else "output"


def _shape(t: torch.Tensor) -> str:
    return "(" + ", ".join(str(s) for s in t.shape) + ("," if t.dim() == 1 else "") + ")"


def compare_value(key: str, expected: Any, actual: Any, rtol: float | None, atol: float | None) -> str | None:
    """None when equal within tolerance, else one message a learner can act on."""
    what = _label(key)
    if isinstance(expected, torch.Tensor):
        if not isinstance(actual, torch.Tensor):
            return f"{what}: expected a tensor, got {type(actual).__name__}"
        if expected.shape != actual.shape:
            return f"{what}: expected shape {_shape(expected)}, got {_shape(actual)}"
        if expected.dtype != actual.dtype:
            return f"{what}: expected dtype {expected.dtype}, got {actual.dtype}"
        if expected.dtype == torch.bool or not expected.is_floating_point():
            bad = expected != actual
            if bad.any():
                index = [int(i) for i in bad.nonzero()[0]]
                return (f"{what}: {int(bad.sum())} of {expected.numel()} elements differ; "
                        f"first at {index}: expected {expected[tuple(index)].item()}, got {actual[tuple(index)].item()}")
            return None
        r, a = DEFAULT_TOL.get(expected.dtype, (1e-5, 1e-8))
        r, a = rtol if rtol is not None else r, atol if atol is not None else a
        exp64, act64 = expected.double(), actual.double()
        nan_mismatch = exp64.isnan() != act64.isnan()
        close = torch.isclose(act64, exp64, rtol=r, atol=a, equal_nan=True) & ~nan_mismatch
        if bool(close.all()):
            return None
        diff = (act64 - exp64).abs().nan_to_num(nan=math.inf)
        diff[close] = 0
        flat = int(diff.argmax())
        index = list(torch.unravel_index(torch.tensor(flat), expected.shape)) if expected.dim() else []
        index = [int(i) for i in index]
        where = f" at {index}" if index else ""
        return (f"{what}: values differ: {int((~close).sum())} of {expected.numel()} elements, "
                f"max abs diff {float(diff.reshape(-1)[flat]):.3g}{where} "
                f"(expected {exp64.reshape(-1)[flat].item():.6g}, got {act64.reshape(-1)[flat].item():.6g})")
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return None if actual == expected else f"{what}: expected {expected!r}, got {actual!r}"
    if isinstance(expected, (int, float)):
        if isinstance(actual, torch.Tensor) and actual.numel() == 1:
            actual = actual.item()
        if not isinstance(actual, (int, float)):
            return f"{what}: expected a number, got {type(actual).__name__}"
        tol_r = rtol if rtol is not None else 1.3e-6
        tol_a = atol if atol is not None else 1e-5
        if math.isclose(actual, expected, rel_tol=tol_r, abs_tol=tol_a):
            return None
        return f"{what}: expected {expected:.6g}, got {actual:.6g}"
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
            return f"{what}: expected a sequence of {len(expected)} items, got {actual!r}"[:300]
        for i, (e, a) in enumerate(zip(expected, actual)):
            problem = compare_value(f"{key}[{i}]", e, a, rtol, atol)
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        for k, e in expected.items():
            if k not in actual:
                return f"{what}: missing entry {k!r}"
            problem = compare_value(f"{key}.{k}" if key != "output" else k, e, actual[k], rtol, atol)
            if problem:
                return problem
        return None
    return None if actual == expected else f"{what}: expected {expected!r}, got {actual!r}"


def describe_case(name: str, inputs: dict, device: str) -> str:
    """"case 3 (x (2, 1, 5) float32, cpu)": the inputs a learner can rebuild in their head."""
    parts = []
    for key, value in inputs.items():
        if isinstance(value, torch.Tensor):
            extra = "" if value.is_contiguous() else " non-contiguous"
            parts.append(f"{key} {_shape(value)} {str(value.dtype).removeprefix('torch.')}{extra}")
    return f"{name} ({', '.join(parts + [device])})"
