"""The pydicom side of bench/dicom-vs-pydicom.sh: read every file of a series, decode, sort along the slice normal,
rescale into one float32 volume — from a file a slice, or from one multi-frame Enhanced MR file, its frames' positions,
orientation and rescale from the functional groups. Prints "seconds voxel_sum" (median of repeats after a warm-up)."""
import glob
import os
import statistics
import sys
import time

import numpy as np
import pydicom


def read_enhanced(d):
    """Frames in the order of their position along the normal; each macro from the frame's own item, else the shared one."""
    shared = d.SharedFunctionalGroupsSequence[0]
    frames = d.PerFrameFunctionalGroupsSequence

    def macro(i, name):
        own = frames[i]
        return getattr(own, name)[0] if name in own else getattr(shared, name)[0]

    iop = np.array(macro(0, "PlaneOrientationSequence").ImageOrientationPatient, dtype=float)
    normal = np.cross(iop[:3], iop[3:])
    order = sorted(range(len(frames)), key=lambda i: float(np.dot(np.array(macro(i, "PlanePositionSequence").ImagePositionPatient, dtype=float), normal)))
    pixels = d.pixel_array
    vol = np.empty((len(frames), d.Rows, d.Columns), dtype=np.float32)
    for k, i in enumerate(order):
        t = macro(i, "PixelValueTransformationSequence")
        vol[k] = pixels[i] * float(t.RescaleSlope) + float(t.RescaleIntercept)
    return vol


def read(folder):
    files = [pydicom.dcmread(f) for f in sorted(glob.glob(os.path.join(folder, "*")))]
    if len(files) == 1 and "PerFrameFunctionalGroupsSequence" in files[0]:
        return read_enhanced(files[0])
    iop = np.array(files[0].ImageOrientationPatient, dtype=float)
    normal = np.cross(iop[:3], iop[3:])
    files.sort(key=lambda d: float(np.dot(np.array(d.ImagePositionPatient, dtype=float), normal)))
    vol = np.empty((len(files), files[0].Rows, files[0].Columns), dtype=np.float32)
    for k, d in enumerate(files):
        vol[k] = d.pixel_array * float(d.get("RescaleSlope", 1)) + float(d.get("RescaleIntercept", 0))
    return vol


folder = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
total = float(read(folder).astype(np.float64).sum())
times = []
for _ in range(repeats):
    t = time.perf_counter()
    read(folder)
    times.append(time.perf_counter() - t)
print("%.4f %.1f" % (statistics.median(times), total))
