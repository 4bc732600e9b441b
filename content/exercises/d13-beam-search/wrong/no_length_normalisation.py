# expect: divides each finished score by
# Picks the finished hypothesis with the best raw sum of log-probs, forgetting alpha.
import torch


def beam_search(step, bos: int, eos: int, beam_width: int, max_len: int, alpha: float,
                device="cpu") -> tuple[list[int], float]:
    alive = [([bos], 0.0)]  # (prefix including bos, summed log-prob)
    finished = []
    for _ in range(max_len):
        if not alive:
            break
        tokens = torch.tensor([seq for seq, _ in alive], dtype=torch.int64, device=device)  # (B, t)
        log_probs = step(tokens).detach().double().cpu()  # (B, V); read only
        candidates = []
        for (seq, score), row in zip(alive, log_probs.tolist()):
            for token, lp in enumerate(row):
                candidates.append((seq + [token], score + lp))
        candidates.sort(key=lambda c: (-c[1], c[0]))  # best score first, ties: smaller sequence
        alive = []
        for seq, score in candidates[:beam_width]:
            (finished if seq[-1] == eos else alive).append((seq, score))
    finished.extend(alive)  # still alive after max_len tokens
    best = min(((seq[1:], score) for seq, score in finished),
               key=lambda c: (-c[1], c[0]))
    return best[0], float(best[1])
