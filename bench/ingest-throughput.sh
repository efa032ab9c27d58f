#!/usr/bin/env bash
# Ingest throughput: patients per minute with all their files (5-phase MRI as DICOM, an SVS slide, two reports,
# clinical rows), where the time goes, and the DICOM stage against pydicom doing a basic de-identification of the
# same files in the same run. Usage: bench/ingest-throughput.sh [PATIENTS] (default 24). Needs python3-pydicom.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-24}
/usr/bin/python3 -c 'import pydicom' || { echo "needs: apt-get install python3-pydicom" >&2; exit 2; }
./mvnw -q -B -DskipTests package -pl livercast-app -am
jar=livercast-app/target/livercast-app.jar
work=$(mktemp -d)
java -jar "$jar" synth --patients "$n" --centres 1 --seed 7 --out "$work/cohort" >/dev/null
for threads in 1 "$(nproc)"; do
  rm -rf "$work/home"
  java -jar "$jar" --home "$work/home" ingest --quiet --threads "$threads" --centre C01 --report "$work/report-$threads" \
      "$work/cohort/centre-01" >/dev/null || true
  /usr/bin/python3 - "$work/report-$threads/ingest-report.json" "$threads" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = r["patientsAdded"] + r["patientsUpdated"] + r["patientsRejected"]
print("threads %s: %d patients (%d accepted, %d rejected), %.1f MB in %.1f s = %.1f patients/min" % (
    sys.argv[2], n, r["patientsAdded"], r["patientsRejected"], r["bytesRead"] / 1e6, r["seconds"], 60 * n / r["seconds"]))
for k, v in sorted(r["secondsByStage"].items(), key=lambda kv: -kv[1]):
    print("    %-28s %6.2f thread-s" % (k, v))
PY
done
# The DICOM stage alone, single-threaded, against pydicom on the same files.
mapfile -t dcm < <(find "$work/cohort/centre-01/imaging" -name '*.dcm' | sort)
mkdir -p "$work/py"
read -r pf ps < <(/usr/bin/python3 bench/dicom_deid_pydicom.py "$work/py" "${dcm[@]}")
ls_s=$(/usr/bin/python3 -c "import json;r=json.load(open('$work/report-1/ingest-report.json'))['secondsByStage'];print(r['read and parse']+r['DICOM de-identification'])")
awk -v f="$pf" -v p="$ps" -v l="$ls_s" 'BEGIN { printf "DICOM read + de-identify + write, 1 thread: pydicom %.0f files/s, LiverCast %.0f files/s (ratio %.2f; LiverCast: parse + de-identify in memory, its writes are in the store stage; pydicom: also writes each file)\n", f/p, f/l, p/l }'
rm -rf "$work"
