#!/usr/bin/env bash
# PRE and POST on several synthetic cohorts (clinical tables and reports; 3 centres, the last held out): AUC and
# C-index as fractions of the oracle, calibration slope on the held-out centre, and the best statistical baseline.
# Usage: bench/model-quality.sh [PATIENTS] [SEED...]   (default: 3000 patients, seeds 7 2027 11 12 13; BENCHMARKS.md also has 14-18)
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-3000}
shift || true
seeds=${*:-7 2027 11 12 13}
./mvnw -q -B -DskipTests install -pl bench -am
cp=$(./mvnw -q -B dependency:build-classpath -pl bench -Dmdep.outputFile=/dev/stdout):bench/target/classes
# shellcheck disable=SC2086
java -Dai.djl.offline=true -cp "$cp" org.livercast.bench.ModelQualityBenchmark "$patients" $seeds 2> >(grep -v 'WARN\|SLF4J' >&2)
