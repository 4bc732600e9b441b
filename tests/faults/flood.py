def pairwise_distances(x, y):
    line = "x" * 1000
    for _ in range(100_000):  # 100 MB of output
        print(line)
    return x
