#!/usr/bin/env bash
# Word 97-2003 (.doc) reports read by LiverCast (Apache POI HWPF) against antiword and catdoc, Debian's .doc readers,
# on a synthetic two-centre cohort's reports saved as Word 97 by LibreOffice, in one run: time (ratio = their s /
# LiverCast s) and what each gives back of the report (line for line, the letterhead in the page header, the footer).
# Needs antiword, catdoc, libreoffice-writer-nogui and python3-docx.
# Usage: bench/doc-vs-antiword.sh [PATIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
java -cp "$cp" org.livercast.bench.DocBenchmark "${1:-100}" 2> >(grep -v ' INFO \|SLF4J\|FileInformationBlock' >&2)
