# expect: modified in place
# Raises float counts to the power in place, changing the caller's tensor.
import torch
import torch.nn.functional as F


def noise_distribution(counts, power=0.75):
    c = counts.float() if not counts.is_floating_point() else counts
    c.pow_(power)
    return c / c.sum()


def sample_negatives(probs, num_positives, k, generator):
    return torch.multinomial(probs, num_positives * k, replacement=True, generator=generator).view(num_positives, k)


def sgns_loss(center, context, negatives, in_embed, out_embed):
    v, u_o, u_k = in_embed[center], out_embed[context], out_embed[negatives]
    pos = (u_o * v).sum(-1)
    neg = (u_k * v[:, None]).sum(-1)
    return -(F.logsigmoid(pos) + F.logsigmoid(-neg).sum(-1)).mean()
