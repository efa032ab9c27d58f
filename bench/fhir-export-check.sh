#!/usr/bin/env bash
# A FHIR R4 Bulk Data export (livercast fhir export, or HOME/fhir after `livercast run`) read back by the HL7 FHIR
# validator, resource by resource: counts, warnings and errors per type, and the validator's time per resource.
# Usage: bench/fhir-export-check.sh DIR   (exit 1 when any resource has an error)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "$1" && pwd)
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
java -cp "$cp" org.livercast.bench.FhirExportCheck "$dir" 2> >(grep -v ' INFO \| WARN ca.uhn' >&2)
