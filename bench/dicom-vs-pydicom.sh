#!/usr/bin/env bash
# Times reading DICOM series into a rescaled volume with LiverCast and with pydicom (Debian's python3-pydicom + numpy),
# same files, same run. Usage: bench/dicom-vs-pydicom.sh   (needs ../shared/reference/imaging beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -c 'import pydicom, numpy' || { echo "needs: apt-get install python3-pydicom python3-numpy" >&2; exit 2; }
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
work=$(mktemp -d)
java -cp "$cp" org.livercast.bench.DicomReadBenchmark --write "$work/synthetic_512" 512 512 120
java -cp "$cp" org.livercast.bench.DicomReadBenchmark --write-enhanced "$work/synthetic_512_enhanced" 512 512 120
# The same file with its frames compressed by dcmtk's JPEG-LS encoder (lossless). pydicom decodes JPEG-LS only through
# GDCM (python3-gdcm); without it that row has no peer.
mkdir -p "$work/synthetic_512_enhanced_jpegls" "$work/synthetic_512_enhanced_jpeg12" "$work/synthetic_512_enhanced_jpeglossless"
dcmcjpls "$work/synthetic_512_enhanced/mr.dcm" "$work/synthetic_512_enhanced_jpegls/mr.dcm"
# And by dcmtk's 12-bit lossy JPEG (extended sequential, DICOM's .51); pydicom decodes it only through GDCM too.
dcmcjpeg +ee "$work/synthetic_512_enhanced/mr.dcm" "$work/synthetic_512_enhanced_jpeg12/mr.dcm"
# And as JPEG lossless (process 14, selection value 1: DICOM's .70, PACS' most common lossless syntax).
dcmcjpeg +e1 "$work/synthetic_512_enhanced/mr.dcm" "$work/synthetic_512_enhanced_jpeglossless/mr.dcm"
ref=../shared/reference/imaging
printf '%-42s %10s %12s %12s %7s  %s\n' series pydicom_s LiverCast_s LC_first_s ratio "voxel sum (pydicom / LiverCast)"
for d in "$ref/ibsi_validation/dicom/STS_001/MR_T1/image" "$ref/transfer_syntaxes/STS_002_MR_T1/rle" \
         "$ref/transfer_syntaxes/STS_002_MR_T1/deflate" "$ref/transfer_syntaxes/STS_002_MR_T1/explicit_be" "$work/synthetic_512" \
         "$work/synthetic_512_enhanced" "$work/synthetic_512_enhanced_jpegls" "$work/synthetic_512_enhanced_jpeg12" \
         "$work/synthetic_512_enhanced_jpeglossless"; do
  [ -d "$d" ] || continue
  if [[ "$d" == *jpeg* ]] && ! /usr/bin/python3 -c 'import gdcm' 2>/dev/null; then
    ps=n/a; psum="(needs python3-gdcm)"
  else
    read -r ps psum < <(/usr/bin/python3 bench/dicom_pydicom.py "$d" 5)
  fi
  # A 2 GiB initial heap, as a deployment would set: reading a 120 MB volume repeatedly otherwise spends its time growing the heap.
  read -r js jfirst jsum < <(java -Xms2g -cp "$cp" org.livercast.bench.DicomReadBenchmark "$d" 5)
  ratio=$(awk -v a="$ps" -v b="$js" 'BEGIN { if (a == "n/a") print "n/a"; else printf "%.1f", a / b }')
  name=$(echo "$d" | sed 's|.*/reference/imaging/||; s|'"$work"'/||')
  printf '%-42s %10s %12s %12s %7s  %s / %s\n' "$name" "$ps" "$js" "$jfirst" "$ratio" "$psum" "$jsum"
done
rm -rf "$work"
