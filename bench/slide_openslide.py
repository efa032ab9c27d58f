"""The OpenSlide side of bench/slides-vs-openslide.sh: read the first N level-0 tiles (row-major) with T threads.
Prints "threads tiles_per_second checksum" (median of 3 runs after a warm-up)."""
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import openslide

path, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def run():
    s = openslide.OpenSlide(path)
    tw = int(s.properties.get("openslide.level[0].tile-width", 256))
    across = (s.level_dimensions[0][0] + tw - 1) // tw

    def work(first):
        local = 0
        for i in range(first, n, threads):
            a = np.asarray(s.read_region(((i % across) * tw, (i // across) * tw), 0, (tw, tw)))
            local += int(a[tw // 2, tw // 2, 2])
        return local

    with ThreadPoolExecutor(threads) as ex:
        total = sum(ex.map(work, range(threads)))
    s.close()
    return total


run()
rates = []
for _ in range(3):
    t = time.perf_counter()
    checksum = run()
    rates.append(n / (time.perf_counter() - t))
print("%d %.1f %d" % (threads, statistics.median(rates), checksum))
