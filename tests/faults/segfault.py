import ctypes


def pairwise_distances(x, y):
    ctypes.string_at(0)  # reads address 0: a segmentation fault
