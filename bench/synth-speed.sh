#!/usr/bin/env bash
# Synthetic-cohort generation speed: patients per minute with every file (4-5 DICOM MR series, one SVS slide,
# two reports, clinical tables), single-threaded and with all cores. There is no external peer that generates the
# same cohort; the single-threaded run is the reference for the parallel one.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
n=${1:-24}
cores=$(nproc)
printf '%-8s %9s %10s %16s %s\n' threads patients seconds patients_per_min speedup
base=""
for t in 1 "$cores"; do
  out=$(mktemp -d)
  start=$(date +%s.%N)
  java -jar livercast-app/target/livercast-app.jar synth --patients "$n" --centres 2 --seed 7 --threads "$t" --out "$out" >/dev/null
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  rate=$(awk -v s="$secs" -v n="$n" 'BEGIN { printf "%.1f", 60 * n / s }')
  [ -n "$base" ] || base=$secs
  speed=$(awk -v a="$base" -v b="$secs" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %9s %10s %16s %s\n' "$t" "$n" "$secs" "$rate" "$speed"
  rm -rf "$out"
done
