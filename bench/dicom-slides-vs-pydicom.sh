#!/usr/bin/env bash
# A DICOM whole-slide image (VL WSI): the same 16000x16000 JPEG slide as bench/slides-vs-openslide.sh, written as DICOM by
# LiverCast (tiles copied as frames), then 2,000 level-0 tiles decoded to RGB: LiverCast's DicomSlide vs pydicom with
# Pillow (python3-pydicom, python3-pil; OpenSlide 3.4 in Debian does not read DICOM). Also times the export and the
# ingest's way back (DICOM to tiled TIFF). Needs libvips-tools.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v vips >/dev/null && /usr/bin/python3 -c 'import pydicom, PIL' || { echo "needs: apt-get install libvips-tools python3-pydicom python3-pil" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
bench/vips-slide.sh "$work/slide.tif"
read -r secs mbs < <(java -cp "$cp" org.livercast.bench.SlideToDicom "$work/slide.tif" "$work/dicom")
echo "TIFF -> DICOM (JPEG tiles copied): ${secs} s, ${mbs} MB/s, $(du -sh "$work/dicom" | cut -f1)"
cores=$(nproc)
printf '%-8s %14s %16s %7s  %s\n' threads pydicom_t/s LiverCast_t/s ratio "checksum (pydicom / LiverCast)"
for t in 1 "$cores"; do
  read -r _ ps pc < <(/usr/bin/python3 bench/slide_pydicom.py "$work/dicom/level-0.dcm" 2000 "$t")
  read -r _ ls lc < <(java -cp "$cp" org.livercast.bench.SlideTileBenchmark "$work/dicom/level-0.dcm" 2000 "$t")
  ratio=$(awk -v a="$ls" -v b="$ps" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %14s %16s %7s  %s / %s\n' "$t" "$ps" "$ls" "$ratio" "$pc" "$lc"
done
rm -rf "$work"
