#!/usr/bin/env bash
# Scanned reports read by LiverCast's OCR (from the PDFs: pages rendered, single-threaded Tesseract runs side by side,
# text cleaned up, Roman grades counted from their strokes) against the Tesseract command line as a user runs it (page
# images given, OpenMP on, page after page), on a synthetic two-centre cohort's reports printed and scanned, in one run:
# time (ratio = tesseract s / LiverCast s) and accuracy against the printed text (CER, the findings the models read).
# Needs tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-eng and fonts-droid-fallback.
# With CENTRES 3 the third centre is a Taiwan hospital's, its reports in traditional characters (needs
# tesseract-ocr-chi-tra too).
# Usage: bench/ocr-vs-tesseract.sh [PATIENTS] [THREADS] [CENTRES]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
java -cp "$cp" org.livercast.bench.OcrBenchmark "${1:-50}" "${2:-$(nproc)}" "${3:-2}" 2> >(grep -v ' INFO \|SLF4J' >&2)
