import os


def pairwise_distances(x, y):
    os._exit(3)
