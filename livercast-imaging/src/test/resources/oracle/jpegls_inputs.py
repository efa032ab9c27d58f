"""Writes the images JpegLsCodecTest compresses with dcmtk: uncompressed MR files of each precision and sign, each
with a flat background (run mode), ramps (regular mode, edges), noise (escape codes), extreme edge rows and columns and
a one-step line that interrupts runs. Usage: jpegls_inputs.py OUT_DIR SEED"""
import sys, numpy as np, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid, MRImageStorage
def write(path, arr, bits_stored, signed):
    meta = FileMetaDataset(); meta.MediaStorageSOPClassUID = MRImageStorage; meta.MediaStorageSOPInstanceUID = generate_uid(); meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset(); ds.file_meta = meta; ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.SOPClassUID = MRImageStorage; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID; ds.Modality = "MR"
    ds.StudyInstanceUID = generate_uid(); ds.SeriesInstanceUID = generate_uid(); ds.PatientName = "T"; ds.PatientID = "1"
    ds.Rows, ds.Columns = arr.shape; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = "MONOCHROME2"
    alloc = 8 if bits_stored <= 8 else 16
    ds.BitsAllocated = alloc; ds.BitsStored = bits_stored; ds.HighBit = bits_stored - 1; ds.PixelRepresentation = 1 if signed else 0
    dt = {(8, False): np.uint8, (8, True): np.int8, (16, False): np.uint16, (16, True): np.int16}[(alloc, signed)]
    ds.PixelData = arr.astype(dt).tobytes()
    ds.save_as(path, write_like_original=False)
rng = np.random.default_rng(int(sys.argv[2]))
h, w = 73, 91
yy, xx = np.mgrid[0:h, 0:w]
for bits, signed in [(8, False), (12, False), (16, False), (12, True), (16, True), (2, False)]:
    hi = (1 << (bits - 1)) if signed else (1 << bits)
    lo = -hi if signed else 0
    img = np.full((h, w), lo + (hi - lo) // 3, dtype=np.int64)              # flat background: runs
    img[10:40, 5:60] = lo + ((xx[10:40, 5:60] * 37 + yy[10:40, 5:60] * 11) % (hi - lo))   # ramps: regular mode, edges
    img[45:70, 20:85] = rng.integers(lo, hi, size=(25, 65))                # noise: escapes, long codes
    img[0, :] = hi - 1; img[:, 0] = lo                                      # edge rows and columns
    img[50:52, 0:91] = lo + (hi - lo) // 3 + 1                              # run interruption by a small step
    write(f"{sys.argv[1]}/img_{bits}_{'s' if signed else 'u'}.dcm", np.clip(img, lo, hi - 1), bits, signed)
