# expect: pass replacement=True
# torch.multinomial's default is replacement=False: every row gets k distinct words.
import torch
import torch.nn.functional as F


def noise_distribution(counts, power=0.75):
    c = counts.float() if not counts.is_floating_point() else counts
    p = c.pow(power)
    return p / p.sum()


def sample_negatives(probs, num_positives, k, generator):
    return torch.multinomial(probs.expand(num_positives, -1), k, generator=generator)


def sgns_loss(center, context, negatives, in_embed, out_embed):
    v, u_o, u_k = in_embed[center], out_embed[context], out_embed[negatives]
    pos = (u_o * v).sum(-1)
    neg = (u_k * v[:, None]).sum(-1)
    return -(F.logsigmoid(pos) + F.logsigmoid(-neg).sum(-1)).mean()
