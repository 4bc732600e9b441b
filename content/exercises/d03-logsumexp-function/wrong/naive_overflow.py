# expect: got inf
# The textbook formula without the max shift: exp(1000) overflows to inf.
import torch


class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        e = x.exp()
        ctx.save_for_backward(e)
        return e.sum(dim=-1).log()

    @staticmethod
    def backward(ctx, grad_out):
        (e,) = ctx.saved_tensors
        return grad_out.unsqueeze(-1) * e / e.sum(dim=-1, keepdim=True)
