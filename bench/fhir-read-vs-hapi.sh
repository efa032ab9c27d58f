#!/usr/bin/env bash
# Reading a centre's FHIR export: a clinical folder's records (patients.csv + events.csv, e.g. from `livercast synth`)
# written as Bulk Data NDJSON, then read back as the template's tables by LiverCast, against HAPI FHIR 8.6.5 parsing the
# same files into its R4 model, in one run; ratio = HAPI s / LiverCast s.
# Usage: bench/fhir-read-vs-hapi.sh CLINICAL_DIR [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "$1" && pwd)
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
java -cp "$cp" org.livercast.bench.FhirReadBenchmark "$dir" "${2:-5}" 2> >(grep -v ' INFO \|SLF4J' >&2)
