import torch


def pairwise_distances(x, y):
    big = torch.ones(20 * 2**30 // 4)  # 20 GB of float32, touched page by page
    return big
