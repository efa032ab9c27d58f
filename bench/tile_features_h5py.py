"""Writes a TRIDENT-layout tile-features file (trident/IO.py save_h5: 'features' [N, D] float32 and 'coords' [N, 2] int64,
each one row a chunk) with seeded random features, or times h5py reading it (features[:] and coords[:] into numpy, the
best of REPEATS after one warm-up) and prints "h5py SECONDS TILES DIMENSION CHECKSUM".
Usage: tile_features_h5py.py write FILE TILES DIM | tile_features_h5py.py read FILE REPEATS
"""
import sys
import time

import h5py
import numpy as np

if sys.argv[1] == "write":
    path, n, d = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = np.random.default_rng(7)
    feats = rng.standard_normal((n, d), dtype=np.float32)
    side = int(np.ceil(np.sqrt(n)))
    coords = np.array([[(i % side) * 512, (i // side) * 512] for i in range(n)], dtype=np.int64)
    with h5py.File(path, "w") as f:
        for key, val in (("features", feats), ("coords", coords)):
            ds = f.create_dataset(key, shape=val.shape, maxshape=(None,) + val.shape[1:], chunks=(1,) + val.shape[1:], dtype=val.dtype)
            ds[:] = val
        a = f["coords"].attrs
        a["patch_size"], a["patch_size_level0"], a["level0_magnification"], a["target_magnification"] = 256, 512, 40, 20
    sys.exit(0)

path, repeats = sys.argv[2], int(sys.argv[3])


def read():
    with h5py.File(path, "r") as f:
        return f["features"][:], f["coords"][:]


read()
best = float("inf")
for _ in range(repeats):
    t = time.perf_counter()
    feats, coords = read()
    best = min(best, time.perf_counter() - t)
checksum = float(np.abs(feats.astype(np.float64)).sum() + coords.astype(np.float64).sum())
print(f"h5py {best:.4f} {feats.shape[0]} {feats.shape[1]} {checksum:.6e}")
