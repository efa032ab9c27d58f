"""Dumps, for every file given, what pydicom reads: key tags and the stored pixel values' min/max/sum.

The imaging tests run this with Debian's /usr/bin/python3 (python3-pydicom, python3-numpy) and compare LiverCast's
reader against it, file by file. Output: one JSON object per file, keyed by file name.
"""
import json
import sys
import warnings

import pydicom

warnings.simplefilter("ignore")
TAGS = ["Rows", "Columns", "BitsAllocated", "BitsStored", "PixelRepresentation", "SamplesPerPixel", "NumberOfFrames",
        "SeriesInstanceUID", "SOPInstanceUID", "Modality", "PixelSpacing", "ImagePositionPatient", "RescaleSlope",
        "RescaleIntercept", "PhotometricInterpretation", "PatientName"]
out = {}
for path in sys.argv[1:]:
    name = path.rsplit("/", 1)[-1]
    entry = {}
    try:
        ds = pydicom.dcmread(path, force=True)
    except Exception as e:  # noqa: BLE001 - report any reader failure
        out[name] = {"read_error": type(e).__name__ + ": " + str(e)}
        continue
    try:
        entry["transfer_syntax"] = str(ds.file_meta.TransferSyntaxUID)
    except Exception:  # noqa: BLE001
        entry["transfer_syntax"] = None
    for t in TAGS:
        v = ds.get(t)
        if v is None:
            continue
        if isinstance(v, pydicom.multival.MultiValue):
            v = [str(x) for x in v]
        else:
            v = str(v)
        entry[t] = v
    if "PixelData" in ds:
        try:
            a = ds.pixel_array
            entry["pixel_min"] = int(a.min())
            entry["pixel_max"] = int(a.max())
            entry["pixel_sum"] = int(a.astype("int64").sum())
            entry["pixel_count"] = int(a.size)
        except Exception as e:  # noqa: BLE001
            entry["pixel_error"] = type(e).__name__ + ": " + str(e)
    out[name] = entry
json.dump(out, sys.stdout, indent=1, sort_keys=True)
