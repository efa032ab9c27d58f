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
    width, height = s.level_dimensions[0]
    across = (width + tw - 1) // tw

    def work(first):
        local = 0
        for i in range(first, n, threads):
            x0, y0 = (i % across) * tw, (i // across) * tw
            a = np.asarray(s.read_region((x0, y0), 0, (tw, tw)))
            # centre pixel, blue; clamped into the image on edge tiles (beyond it OpenSlide gives transparent black)
            cx, cy = min(tw // 2, width - x0 - 1), min(tw // 2, height - y0 - 1)
            local += int(a[cy, cx, 2])
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
