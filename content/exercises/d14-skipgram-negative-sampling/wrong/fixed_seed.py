# expect: generators with different seeds gave the same negatives
# Seeds a generator of its own instead of using the one passed in: reproducible, but never random.
import torch
import torch.nn.functional as F


def noise_distribution(counts: torch.Tensor, power: float = 0.75) -> torch.Tensor:
    c = counts if counts.is_floating_point() else counts.float()
    p = c.pow(power)  # the power first: 0 ** 0.75 = 0, so unseen words keep probability 0
    return p / p.sum()  # then normalise


def sample_negatives(probs: torch.Tensor, num_positives: int, k: int,
                     generator: torch.Generator) -> torch.Tensor:
    draws = torch.multinomial(probs, num_positives * k, replacement=True, generator=torch.Generator(device=probs.device).manual_seed(0))
    return draws.view(num_positives, k)  # int64, on probs' device


def sgns_loss(center: torch.Tensor, context: torch.Tensor, negatives: torch.Tensor,
              in_embed: torch.Tensor, out_embed: torch.Tensor) -> torch.Tensor:
    v = in_embed[center]  # (B, D) centre vectors
    u_o = out_embed[context]  # (B, D) true context vectors
    u_k = out_embed[negatives]  # (B, K, D) noise vectors
    pos = (u_o * v).sum(-1)  # (B,)
    neg = (u_k * v.unsqueeze(1)).sum(-1)  # (B, K)
    per_example = -(F.logsigmoid(pos) + F.logsigmoid(-neg).sum(-1))
    return per_example.mean()
