#!/usr/bin/env bash
# The patient list against a store whose predictions carry a foundation model's attention maps: every stored POST
# prediction copied nine times with 10,000 tiles of attention (about 760 KB of body each; earlier dates, so the latest
# prediction of each patient stays the same), then the list and one patient page timed with curl, six times each.
# Run against the store of `./livercast run --home DIR` while it serves (its console prints the database port and the
# demo users): bench/patient-list-large-predictions.sh DB_PORT USER PASSWORD [BASE_URL]. It adds rows to that store;
# use a throw-away home.
set -euo pipefail
port=$1 user=$2 password=$3 base=${4:-http://localhost:7070}
command -v psql >/dev/null && command -v curl >/dev/null || { echo "needs: apt-get install postgresql-client curl" >&2; exit 2; }
psql -h localhost -p "$port" -U postgres -q <<'SQL'
insert into livercast.prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score, input_sha256, body, predicted_at)
select p.model_id, p.centre_id, p.patient_id, p.kind, p.probability_aggressive_2y, p.high_risk, p.rfs_risk_score,
       encode(sha256((p.prediction_id::text || '-' || k::text)::bytea), 'hex'),
       jsonb_set(p.body, '{slideAttention}', (select jsonb_agg(jsonb_build_object('x', (t % 100) * 256, 'y', (t / 100) * 256,
                 'weight', 0.0001, 'sizeLevel0', 256)) from generate_series(0, 9999) t)),
       p.predicted_at - make_interval(days => k)
from livercast.prediction p, generate_series(1, 9) k
where p.kind = 'post' and jsonb_array_length(coalesce(p.body->'slideAttention', '[]'::jsonb)) < 10000   -- not the copies of a previous run
on conflict do nothing;
SQL
psql -h localhost -p "$port" -U postgres -Atc "select count(*) || ' predictions, ' || pg_size_pretty(sum(length(body::text))::bigint) || ' of bodies as text' from livercast.prediction"
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl -fs -c "$jar" -o /dev/null -d "username=$user&password=$password" "$base/login"
patient=$(curl -fs -b "$jar" "$base/api/patients" | /usr/bin/python3 -c 'import json, sys; p = json.load(sys.stdin)[0]; print(p["centre"] + "/" + p["patientId"])')
for page in /patients "/patients/$patient"; do
    printf '%-40s' "$page"
    for _ in 1 2 3 4 5 6; do printf ' %6.3f' "$(curl -fs -b "$jar" -o /dev/null -w '%{time_total}' "$base$page")"; done
    echo ' s'
done
