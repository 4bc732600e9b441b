def pairwise_distances(x, y):
    while True:
        pass
