def pairwise_distances(x, y):
    with open("/tmp/quizzer-escape-test.txt", "w") as f:
        f.write("escaped")
    return x
