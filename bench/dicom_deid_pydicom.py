"""The peer for ingest's DICOM stage: pydicom reading each file, applying a basic de-identification (person names
emptied, patient ID replaced, private tags removed, UIDs remapped, dates shifted) and writing it back. Prints
'files seconds'. Usage: dicom_deid_pydicom.py OUT_DIR FILE..."""
import hashlib, os, sys, time
import pydicom
from pydicom.uid import UID

out = sys.argv[1]
files = sys.argv[2:]
t0 = time.perf_counter()
for i, f in enumerate(files):
    d = pydicom.dcmread(f)
    d.remove_private_tags()
    for elem in d.iterall():
        if elem.VR == "PN":
            elem.value = ""
        elif elem.VR == "UI" and elem.tag not in (0x00080016, 0x00081150) and elem.value and not str(elem.value).startswith("1.2.840.10008."):
            elem.value = "2.25." + str(int(hashlib.sha256(str(elem.value).encode()).hexdigest()[:30], 16))
        elif elem.VR == "DA" and elem.value:
            elem.value = "20000101"
    d.PatientID = "PSEUDONYM"
    d.PatientIdentityRemoved = "YES"
    d.file_meta.MediaStorageSOPInstanceUID = d.SOPInstanceUID
    d.save_as(os.path.join(out, "%06d.dcm" % i))
print(len(files), round(time.perf_counter() - t0, 3))
