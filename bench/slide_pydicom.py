"""The pydicom side of bench/dicom-slides-vs-pydicom.sh: read the first N frames (level-0 tiles, TILED_FULL, row-major)
of a DICOM whole-slide level with pydicom and decode each with Pillow (libjpeg-turbo), T threads sharing the data set.
Prints "threads tiles_per_second checksum" (median of 3 runs after a warm-up), the checksum as the Java side's."""
import io
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pydicom
from PIL import Image
from pydicom.encaps import generate_pixel_data_frame

path, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def run():
    ds = pydicom.dcmread(path)
    tw, th = ds.Columns, ds.Rows
    width, height = ds.TotalPixelMatrixColumns, ds.TotalPixelMatrixRows
    across = (width + tw - 1) // tw
    frames = []
    for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, int(ds.NumberOfFrames))):
        if i >= n:
            break
        frames.append(f)

    def work(first):
        local = 0
        for i in range(first, n, threads):
            a = np.asarray(Image.open(io.BytesIO(frames[i])).convert("RGB"))
            col, row = i % across, i // across
            cx, cy = min(tw // 2, width - col * tw - 1), min(th // 2, height - row * th - 1)
            local += int(a[cy, cx, 2])
        return local

    with ThreadPoolExecutor(threads) as ex:
        return sum(ex.map(work, range(threads)))


run()
rates = []
for _ in range(3):
    t = time.perf_counter()
    checksum = run()
    rates.append(n / (time.perf_counter() - t))
print(threads, round(statistics.median(rates), 1), checksum)
