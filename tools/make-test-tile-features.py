"""Makes the tile-feature files the tests read (livercast-learn/src/test/resources/tile-features/), written by h5py the
way the tools that extract features from slides on a GPU write them, so the Java reader is tested on their files, not
on its own:
  trident/20x_256px_0px_overlap/features_tiny_v1/slide-a.h5   TRIDENT's layout (trident/IO.py save_h5): datasets
      `features` [N, D] float32 and `coords` [N, 2] int64 (level-0 top-left x, y), each chunked one row a chunk and
      resizable; `coords` carries patch_size, patch_size_level0, level0_magnification, target_magnification, overlap, name.
  trident/.../features_tiny_v1/slide-b.h5   the same with float16 features, as an encoder run under fp16 autocast gives.
  clam/h5_files/slide-a.h5   CLAM's extract_features_fp.py layout: the same two datasets with no attributes at all.
  clam/h5_files/slide-c.h5   a hand-made variant: gzip-compressed float64 features, int32 coords, contiguous.
  bad/rows.h5      6 feature rows, 5 coordinates.
  bad/no-features.h5   coords only.
  bad/coords-3.h5  coords [N, 3].
Every value is a multiple of 1/8 below 8, exact in float16, float32 and float64: feature[i][k] = i + k / 8.
Tiles lie on a 3 x 2 grid of 512 level-0 pixels (256 px at 20x on a 40x scan).
Run with Debian's python3-h5py:
    /usr/bin/python3 tools/make-test-tile-features.py livercast-learn/src/test/resources/tile-features
"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
N, D = 6, 8
features = np.array([[i + k / 8 for k in range(D)] for i in range(N)], dtype=np.float32)
coords = np.array([[x * 512, y * 512] for y in range(2) for x in range(3)], dtype=np.int64)


def trident(path, feats, name):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with h5py.File(path, "w") as f:
        for key, val in (("features", feats), ("coords", coords)):
            d = f.create_dataset(key, shape=val.shape, maxshape=(None,) + val.shape[1:], chunks=(1,) + val.shape[1:], dtype=val.dtype)
            d[:] = val
        f["features"].attrs["name"] = name
        f["features"].attrs["savetodir"] = "/job/20x_256px_0px_overlap/features_tiny_v1"
        a = f["coords"].attrs
        a["patch_size"] = 256
        a["patch_size_level0"] = 512
        a["level0_magnification"] = 40
        a["target_magnification"] = 20
        a["overlap"] = 0
        a["name"] = name
        a["savetodir"] = "/job/20x_256px_0px_overlap"


def plain(path, datasets, **kwargs):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with h5py.File(path, "w") as f:
        for key, val in datasets.items():
            if kwargs:
                f.create_dataset(key, data=val, **kwargs)
            else:
                f.create_dataset(key, data=val, maxshape=(None,) + val.shape[1:], chunks=(1,) + val.shape[1:])


tri = os.path.join(out, "trident", "20x_256px_0px_overlap", "features_tiny_v1")
trident(os.path.join(tri, "slide-a.h5"), features, "slide-a")
trident(os.path.join(tri, "slide-b.h5"), features.astype(np.float16), "slide-b")
plain(os.path.join(out, "clam", "h5_files", "slide-a.h5"), {"features": features, "coords": coords})
# gzip needs chunks; h5py picks them.
plain(os.path.join(out, "clam", "h5_files", "slide-c.h5"), {"features": features.astype(np.float64), "coords": coords.astype(np.int32)},
      compression="gzip")
plain(os.path.join(out, "bad", "rows.h5"), {"features": features, "coords": coords[:5]})
plain(os.path.join(out, "bad", "no-features.h5"), {"coords": coords})
plain(os.path.join(out, "bad", "coords-3.h5"), {"features": features, "coords": np.hstack([coords, coords[:, :1]])})
