"""The OpenSlide side of bench/first-region-vs-openslide.sh: open the slide and read one S x S region of level 0 at (X, Y) — the
time a viewer waits for its first tile there — RUNS times, each a fresh open (the files in the page cache after a first
run). Prints "openslide median_ms checksum"."""
import statistics
import sys
import time

import numpy as np
import openslide

path, x, y, size, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])


def once():
    s = openslide.OpenSlide(path)
    a = np.asarray(s.read_region((x, y), 0, (size, size)))
    s.close()
    return int(a[:, :, :3].astype(np.int64).sum())


once()
times = []
for _ in range(runs):
    t = time.perf_counter()
    checksum = once()
    times.append((time.perf_counter() - t) * 1000)
print("openslide %.2f %d" % (statistics.median(times), checksum))
