def pairwise_distances(x, y)
    return x
