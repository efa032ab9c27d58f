"""The OpenSlide side of bench/ndpi-vs-openslide.sh: read the first N regions (of level 0, or of LEVEL, the fifth argument) of S x S pixels on a row-major grid
with T threads, as bench/src/.../SlideRegionBenchmark.java. Prints "threads regions_per_second checksum" (median of 3
runs after a warm-up)."""
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import openslide

path, n, threads, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
level = int(sys.argv[5]) if len(sys.argv) > 5 else 0


def run():
    s = openslide.OpenSlide(path)
    across = s.level_dimensions[level][0] // size
    step = round(s.level_downsamples[level]) * size

    def work(first):
        local = 0
        for i in range(first, n, threads):
            a = np.asarray(s.read_region(((i % across) * step, (i // across) * step), level, (size, size)))
            local += int(a[size // 2, size // 2, 2])
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
