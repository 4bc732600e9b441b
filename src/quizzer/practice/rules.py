"""Static rules checked on the learner's source with the AST, before any code runs."""

from __future__ import annotations

import ast

from quizzer.practice.models import Rules


def check_rules(source: str, rules: Rules) -> list[str]:
    """Messages for every broken rule (empty when the source follows them)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # the worker reports syntax errors with the learner's own traceback
    problems = []
    why = f" ({rules.reason})" if rules.reason else ""
    forbidden = set(rules.forbid_calls)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if name in forbidden:
                problems.append(f"line {node.lineno}: calls {name}(), which this exercise forbids{why}")
        if rules.no_loops and isinstance(node, (ast.For, ast.While, ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)):
            what = "a loop" if isinstance(node, (ast.For, ast.While)) else "a comprehension (a loop in disguise)"
            problems.append(f"line {node.lineno}: uses {what}; this exercise must be vectorised{why}")
    return problems
