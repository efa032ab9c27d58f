#!/usr/bin/env bash
# Writing FHIR R4 JSON: the resources of an export (livercast fhir export, or HOME/fhir after `livercast run`) written by
# LiverCast (Jackson trees) and by HAPI FHIR 8.6.5 from its R4 model, in one run; ratio = HAPI s / LiverCast s.
# Usage: bench/fhir-write-vs-hapi.sh DIR [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "$1" && pwd)
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
java -cp "$cp" org.livercast.bench.FhirWriteBenchmark "$dir" "${2:-5}" 2> >(grep -v ' INFO \|SLF4J' >&2)
