import math

import torch

from quizzer.practice.compare import compare_value


def _table(probs, v, max_len, dtype, device):
    """(max_len, V, V) log-probs: random rows, overwritten by probs[(pos, last)] = {token: p}."""
    logits = torch.randn(max_len, v, v, dtype=torch.float64)
    table = torch.log_softmax(logits, dim=-1)
    for (pos, last), row in probs.items():
        p = torch.full((v,), (1 - sum(row.values())) / max(v - len(row), 1), dtype=torch.float64)
        for token, value in row.items():
            p[token] = value
        table[pos, last] = p.log()
    return table.to(dtype=dtype, device=device)


def _case(table, beam_width, max_len, alpha, bos=0, eos=1):
    return {"table": table, "bos": bos, "eos": eos, "beam_width": beam_width, "max_len": max_len, "alpha": alpha}


def cases(device):
    f64 = torch.float64
    # greedy takes 2 (p = 0.5), then only 0.3 is left; beam search finds 3 (0.4) then eos (0.9)
    differ = {(0, 0): {0: 0.05, 1: 0.05, 2: 0.5, 3: 0.4}, (1, 2): {0: 0.1, 1: 0.3, 2: 0.3, 3: 0.3},
              (1, 3): {0: 0.05, 1: 0.9, 2: 0.03, 3: 0.02}}
    differ.update({(2, t): {1: 0.97} for t in range(4)})
    # eos at once (0.35) beats [2, 2, eos] on the raw score, loses on the mean log-prob
    early = {(0, 0): {0: 0.1, 1: 0.35, 2: 0.45, 3: 0.1}, (1, 2): {0: 0.02, 1: 0.1, 2: 0.85, 3: 0.03},
             (2, 2): {0: 0.04, 1: 0.9, 2: 0.03, 3: 0.03}}
    early.update({(3, t): {1: 0.97} for t in range(4)})
    # eos first (0.4) finishes at once; a refilled beam would keep [3] and find [3, eos] (better mean)
    shrink = {(0, 0): {0: 0.0, 1: 0.4, 2: 0.35, 3: 0.25}, (1, 2): {0: 0.3, 1: 0.1, 2: 0.3, 3: 0.3},
              (1, 3): {0: 0.004, 1: 0.99, 2: 0.003, 3: 0.003}}
    uniform = torch.full((3, 3, 3), math.log(1 / 3), dtype=f64, device=device)  # every score ties
    eos_heavy = torch.log_softmax(torch.randn(6, 5, 5, dtype=f64) + torch.tensor([0, 1.5, 0, 0, 0], dtype=f64),
                                  dim=-1).to(device)
    return [
        ("greedy (beam_width = 1) on random log-probs, V = 5",
         _case(torch.log_softmax(torch.randn(5, 5, 5, dtype=f64), -1).to(device), 1, 5, 0.0)),
        ("greedy and beam search disagree: beam_width = 2", _case(_table(differ, 4, 3, f64, device), 2, 3, 0.0)),
        ("the same model decoded greedily", _case(_table(differ, 4, 3, f64, device), 1, 3, 0.0)),
        ("an early eos wins the raw score (alpha = 0)", _case(_table(early, 4, 4, f64, device), 2, 4, 0.0)),
        ("the same model with alpha = 1 (mean log-prob)", _case(_table(early, 4, 4, f64, device), 2, 4, 1.0)),
        ("every score ties: the smaller token id wins", _case(uniform, 2, 3, 0.5, eos=2)),
        ("beam_width 3, V = 6, alpha = 0.7, eos likely (the beam shrinks)",
         _case(torch.log_softmax(torch.randn(6, 6, 6, dtype=f64) + 1.2 * (torch.arange(6) == 1), -1).to(device),
               3, 6, 0.7)),
        ("max_len = 1", _case(torch.log_softmax(torch.randn(1, 4, 4, dtype=f64), -1).to(device), 2, 1, 1.0)),
        ("a beam wider than the vocabulary (beam_width 8, V = 3)",
         _case(torch.log_softmax(torch.randn(4, 3, 3, dtype=f64), -1).to(device), 8, 4, 0.6, eos=2)),
        ("float32 log-probs, beam_width 4, V = 5, eos = 4, bos = 3",
         _case(torch.log_softmax(torch.randn(5, 5, 5), -1).to(device), 4, 5, 0.8, bos=3, eos=4)),
        ("eos often likely, beam_width 2", _case(eos_heavy, 2, 6, 0.0)),
        ("an eos ends one hypothesis: the beam shrinks, it is not refilled",
         _case(_table(shrink, 4, 2, f64, device), 2, 2, 1.0)),
        ("a hypothesis still alive at max_len wins (alpha = 1)",
         _case(torch.log_softmax(torch.randn(4, 4, 4, dtype=f64, generator=torch.Generator().manual_seed(4)) * 1.5
                                 + 0.8 * (torch.arange(4) == 1), -1).to(device), 2, 4, 1.0)),
    ]


RTOL, ATOL = 1e-5, 1e-5


def _search(inputs, width=None, alpha=None, stop_at_eos=True, bos_counts=False, ties_high=False,
            refill=False, drop_alive=False):
    """The reference, with switches that reproduce common mistakes (to name them)."""
    table = inputs["table"].detach().double().cpu()
    bos, eos, max_len = inputs["bos"], inputs["eos"], inputs["max_len"]
    width = inputs["beam_width"] if width is None else width
    alpha = inputs["alpha"] if alpha is None else alpha
    sign = -1 if ties_high else 1

    def key(c):
        return (-c[1], [sign * t for t in c[0]])

    alive, finished = [([bos], 0.0)], []
    for _ in range(max_len):
        if not alive:
            break
        cands = []
        for seq, score in alive:
            row = table[min(len(seq) - 1, table.shape[0] - 1), seq[-1]].tolist()
            cands += [(seq + [t], score + lp) for t, lp in enumerate(row)]
        cands.sort(key=key)
        alive = []
        for seq, score in (cands if refill else cands[:width]):
            if refill and len(alive) >= width:
                break
            (finished if stop_at_eos and seq[-1] == eos else alive).append((seq, score))
    finished = (finished or alive) if drop_alive else finished + alive
    best = min(((s[1:], sc / (len(s) if bos_counts else len(s) - 1) ** alpha) for s, sc in finished), key=key)
    return best[0], best[1]


VARIANTS = {
    "greedy": (dict(width=1), "this is the greedy result: keep the beam_width best candidates at every step, "
               "ranked over all alive hypotheses together, not only the single best token"),
    "raw": (dict(alpha=0.0), "this is the best raw score: the final choice divides each finished score by "
            "L ** alpha (L = generated tokens, eos included), which stops short sequences from always winning"),
    "bos": (dict(bos_counts=True), "the length in L ** alpha counts bos: L is the number of generated tokens, "
            "eos included and bos not"),
    "no_eos": (dict(stop_at_eos=False), "hypotheses that end in eos were extended further: a kept candidate "
               "ending in eos is finished, leaves the beam and is never extended again"),
    "refill": (dict(refill=True), "the beam was refilled after a hypothesis ended in eos: a finished "
               "hypothesis takes one of the beam_width places, so keep exactly the first beam_width candidates "
               "and let the beam shrink"),
    "drop_alive": (dict(drop_alive=True), "the hypotheses still alive after max_len tokens were dropped: they "
                   "count as finished too and compete in the final length-normalised choice"),
    "ties": (dict(ties_high=True), "equal scores were broken towards the larger token id (torch.topk and "
             "torch.sort without stable=True give no order for ties): equal scores go to the "
             "lexicographically smaller sequence"),
}


def _tip(key, inputs, expected, actual):
    if key == "returns":
        return ("return a tuple (tokens, score): tokens a list of Python ints without bos (use .tolist() or "
                "int(t)), score a Python float (float(x), not a tensor)")
    if key == "log-probs left unchanged":
        return ("the tensor returned by step was changed in place (e.g. log_probs += score): it can be a view of "
                "the model's state; write scores = log_probs + score[:, None] instead")
    if key == "step called with (B, t) int64 prefixes on the device":
        return ("call step once per decoding step with all alive prefixes stacked: torch.tensor(prefixes, "
                "dtype=torch.int64, device=device), each prefix starting with bos")
    if key not in ("tokens", "score"):
        return ""
    got = (actual.get("tokens"), actual.get("score"))
    for args, tip in VARIANTS.values():
        tokens, score = _search(inputs, **args)
        if tokens == expected["tokens"] and math.isclose(score, expected["score"], rel_tol=1e-9, abs_tol=1e-9):
            continue  # this mistake makes no difference on this case
        if got[0] == tokens and isinstance(got[1], float) and math.isclose(got[1], score, rel_tol=1e-4, abs_tol=1e-4):
            return tip
    if key == "score" and got[0] == expected["tokens"]:
        return ("right sequence, wrong score: return the length-normalised score score / L ** alpha of the chosen "
                "sequence, with score the sum of its log-probabilities")
    return ""


def compare(name, inputs, expected, actual):
    for key, value in expected.items():
        problem = compare_value(key, value, actual.get(key), RTOL, ATOL)
        if problem:
            tip = _tip(key, inputs, expected, actual)
            return f"{problem} — {tip}" if tip else problem
    return None
