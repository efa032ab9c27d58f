"""Reads a DICOM file that gdcmconv --raw decompressed (GDCM's own OpenJPEG: a second reader of LiverCast's JPEG 2000
frames) and writes its first frame as RGB bytes; YBR_FULL (left as it is by the decompression) is converted to RGB by
pydicom. usage: gdcm_raw_frame.py RAW.dcm OUT.rgb"""
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

ds = pydicom.dcmread(sys.argv[1])
frames = ds.pixel_array
frame = frames[0] if int(ds.get("NumberOfFrames", 1)) > 1 else frames
if ds.PhotometricInterpretation in ("YBR_FULL", "YBR_FULL_422"):
    frame = convert_color_space(frame, "YBR_FULL", "RGB")
with open(sys.argv[2], "wb") as f:
    f.write(np.ascontiguousarray(frame, dtype=np.uint8).tobytes())
print(ds.PhotometricInterpretation, ds.file_meta.TransferSyntaxUID)
