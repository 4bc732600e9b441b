"""Day 13 · Beam search with EOS handling, length normalisation and deterministic ties.

Write ``beam_search(step, bos, eos, beam_width, max_len, alpha, device)`` that decodes one output
sequence from a model that is given to you only as a step function:

    step(tokens) -> log_probs
        tokens    (B, t) int64 tensor on ``device``: B prefixes, each starting with ``bos``
        log_probs (B, V) float tensor: row b is log p(next token | prefix b) over V token ids

Greedy decoding keeps the single best token at every step, and can miss a sequence whose first
token is less likely but whose continuation is far more likely. Beam search keeps the
``beam_width`` best partial sequences (hypotheses) instead; beam_width = 1 is greedy decoding.

The algorithm to implement, exactly:

1. Alive hypotheses start as one: the prefix [bos] with score 0.0 (a sum of log-probabilities).
2. At each step, call ``step`` once on all alive prefixes (stacked into one (B, t) tensor).
   Every alive hypothesis extended by every token id is a candidate; its score is the
   hypothesis score plus log_probs[b, token]. Rank ALL candidates together, best score first;
   equal scores go to the lexicographically smaller sequence (compare token ids left to
   right). Keep the first ``beam_width`` candidates.
3. A kept candidate whose last token is ``eos`` is finished: it is not extended again, and the
   beam shrinks by one. The others are the new alive hypotheses.
4. Stop when no hypothesis is alive, or after ``max_len`` generated tokens (eos counts as a
   generated token; bos does not); alive hypotheses left at that point count as finished.
5. Among the finished hypotheses pick the best by the length-normalised score
   score / L ** alpha, with L the number of generated tokens (eos included, bos not); ties again
   go to the lexicographically smaller sequence. alpha = 0 is the raw score, which favours short
   sequences (every token adds a negative log-probability); alpha = 1 is the mean log-prob.

Return a tuple ``(tokens, score)``: ``tokens`` a list of Python ints, the generated tokens
without bos (ending in eos if it finished), and ``score`` a Python float, its normalised score.
Do not modify the tensors that ``step`` returns in place: they may be views of the model's state.

Checked against a hidden reference on small vocabularies: greedy and wider beams, crafted cases
where greedy and beam search disagree, where an early eos wins or loses depending on alpha,
exact ties, max_len = 1, a beam wider than the vocabulary, float32 and float64 log-probs; also
that ``step`` gets (B, t) int64 prefixes on ``device`` and that nothing is changed in place.
"""

import torch


def beam_search(step, bos: int, eos: int, beam_width: int, max_len: int, alpha: float,
                device="cpu") -> tuple[list[int], float]:
    raise NotImplementedError
