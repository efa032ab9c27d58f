"""Writes small DICOM whole-slide images with pydicom, independently of LiverCast's writer, as other scanners' exports
look: a TILED_SPARSE level whose frames come in shuffled order, one tile absent and a second focal plane present (JPEG
frames encoded by Pillow), a TILED_FULL level of native RGB, planar or interleaved, and one of
JPEG 2000 lossless frames. Next to each it writes the pixels a
reader must return (RGB bytes, row-major, white where no frame is): for JPEG frames, Pillow's own decoding.

usage: pydicom_wsi.py OUT_DIR
"""
import io
import os
import random
import sys

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, JPEG2000Lossless, JPEGBaseline8Bit, generate_uid

WSI = "1.2.840.10008.5.1.4.1.1.77.1.6"
W, H, T = 160, 100, 64          # image width and height, tile size: 3 x 2 tiles, the last column and row partial
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
study, series = generate_uid(), generate_uid()

# A smooth image with some texture: JPEG keeps it close, so a wrong tile shows.
yy, xx = np.mgrid[0:H, 0:W]
image = np.stack([(xx * 255 // W), (yy * 255 // H), ((xx + yy) * 2) % 256], axis=-1).astype(np.uint8)
image = np.clip(image.astype(int) + rng.integers(-10, 10, image.shape), 0, 255).astype(np.uint8)


def tile(img, c, r):
    t = np.full((T, T, 3), 255, np.uint8)     # padding beyond the image edge
    part = img[r * T:(r + 1) * T, c * T:(c + 1) * T]
    t[:part.shape[0], :part.shape[1]] = part
    return t


def base(sop, syntax, flavour, rows_total, cols_total, frames, organisation):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = WSI
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = syntax
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = WSI, sop
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
    ds.Modality = "SM"
    ds.PatientName, ds.PatientID = "ROE^JANE", "H999"
    ds.ImageType = ["ORIGINAL", "PRIMARY", flavour, "NONE"]
    ds.Rows, ds.Columns = T, T
    ds.TotalPixelMatrixRows, ds.TotalPixelMatrixColumns = rows_total, cols_total
    ds.NumberOfFrames = frames
    ds.SamplesPerPixel, ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 3, 8, 8, 7, 0
    ds.PlanarConfiguration = 0
    ds.DimensionOrganizationType = organisation
    measures = Dataset()
    measures.PixelSpacing = [0.00025, 0.00025]
    measures.SliceThickness = 0.004
    shared = Dataset()
    shared.PixelMeasuresSequence = Sequence([measures])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    path = Dataset()
    path.OpticalPathIdentifier = "1"
    path.ObjectiveLensPower = 40
    ds.OpticalPathSequence = Sequence([path])
    return ds


def save(ds, name, expected):
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, name), write_like_original=False)
    with open(os.path.join(out, name + ".rgb"), "wb") as f:
        f.write(np.ascontiguousarray(expected).tobytes())


# 1. TILED_SPARSE, JPEG, shuffled, tile (1, 1) absent, every tile also at a second focal plane (darker) to be ignored.
frames, positions, expected = [], [], np.full((2 * T, 3 * T, 3), 255, np.uint8)
for z, darken in ((0.0, 0), (0.002, 80)):
    for r in range(2):
        for c in range(3):
            if (c, r) == (1, 1):
                continue
            src = np.clip(tile(image, c, r).astype(int) - darken, 0, 255).astype(np.uint8)
            b = io.BytesIO()
            Image.fromarray(src).save(b, format="JPEG", quality=90)
            frames.append(b.getvalue())
            positions.append((c, r, z))
            if z == 0.0:
                expected[r * T:(r + 1) * T, c * T:(c + 1) * T] = np.asarray(Image.open(io.BytesIO(b.getvalue())).convert("RGB"))
order = list(range(len(frames)))
random.Random(3).shuffle(order)
# The first focal plane's first frame leads (a reader takes the plane of the first frame), the rest shuffled.
first = [i for i in order if positions[i][2] == 0.0][0]
order.remove(first)
order.insert(0, first)
ds = base(generate_uid(), JPEGBaseline8Bit, "VOLUME", H, W, len(frames), "TILED_SPARSE")
ds.PhotometricInterpretation = "YBR_FULL_422"
ds.TotalPixelMatrixFocalPlanes = 2
per_frame = []
for i in order:
    c, r, z = positions[i]
    pos = Dataset()
    pos.ColumnPositionInTotalImagePixelMatrix = c * T + 1
    pos.RowPositionInTotalImagePixelMatrix = r * T + 1
    pos.XOffsetInSlideCoordinateSystem = c * T * 0.00025
    pos.YOffsetInSlideCoordinateSystem = r * T * 0.00025
    pos.ZOffsetInSlideCoordinateSystem = z
    item = Dataset()
    item.PlanePositionSlideSequence = Sequence([pos])
    per_frame.append(item)
ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
ds.PixelData = encapsulate([frames[i] for i in order], has_bot=False)
ds["PixelData"].is_undefined_length = True
save(ds, "sparse-jpeg.dcm", expected[:H, :W])

# 2. TILED_FULL, native RGB interleaved; and 3. the same planar (colour-by-plane), at half resolution for a second level.
half = np.asarray(Image.fromarray(image).resize((W // 2, H // 2), Image.BILINEAR))
for name, img, planar in (("full-native.dcm", image, 0), ("half-planar.dcm", half, 1)):
    h, w = img.shape[:2]
    across, down = (w + T - 1) // T, (h + T - 1) // T
    ds = base(generate_uid(), ExplicitVRLittleEndian, "VOLUME", h, w, across * down, "TILED_FULL")
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = planar
    tiles = [tile(img, c, r) for r in range(down) for c in range(across)]
    data = b"".join((t.transpose(2, 0, 1) if planar else t).tobytes() for t in tiles)
    ds.PixelData = data
    if name.startswith("half"):
        ds.ImageType = ["DERIVED", "PRIMARY", "VOLUME", "RESAMPLED"]
    save(ds, name, img)

# 4. TILED_FULL, JPEG 2000 lossless (reversible colour transform), as some scanners export: the pixels exactly.
across, down = (W + T - 1) // T, (H + T - 1) // T
j2k = []
for r in range(down):
    for c in range(across):
        b = io.BytesIO()
        Image.fromarray(tile(image, c, r)).save(b, format="JPEG2000", irreversible=False, no_jp2=True)
        j2k.append(b.getvalue())
ds = base(generate_uid(), JPEG2000Lossless, "VOLUME", H, W, len(j2k), "TILED_FULL")
ds.PhotometricInterpretation = "YBR_RCT"
ds.PixelData = encapsulate(j2k)
ds["PixelData"].is_undefined_length = True
save(ds, "full-j2k.dcm", image)
