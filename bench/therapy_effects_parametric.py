"""Can the training centres' data show the adjuvant effects the synthetic truth built in? A check beside the therapy model.

Fits, on the training centres of a cohort export (every centre but the last), a correctly specified parametric model of
P4's RFS (recurrence or death): exponential proportional hazards (Poisson likelihood, Newton-Raphson) with the measured
risk factors, TACE and systemic therapy, and TACE's interactions with exactly the subgroups the generator uses (MVI-positive
tumours < 5 cm, MVI-positive >= 5 cm, MVI-negative large or multinodular). It prints each log hazard ratio with its standard
error beside the truth's. If even this model, told where the effects differ, estimates them with wide errors and pulled
toward 1 (hidden biology acts like a frailty, which attenuates marginal hazard ratios), a network that must also find the
subgroups cannot rank patients by benefit on a cohort of this size. Usage: therapy_effects_parametric.py COHORT_DIR CUTOFF
"""
import collections
import csv
import datetime as dt
import math
import pathlib
import sys

import numpy as np

cohort, cutoff = pathlib.Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2] if len(sys.argv) > 2 else "2026-06-30")
centres = sorted(p for p in cohort.iterdir() if p.name.startswith("centre-"))[:-1]
events, patients = collections.defaultdict(list), []
for c in centres:
    for e in csv.DictReader(open(c / "clinical" / "events.csv")):
        events[e["patient_id"]].append(e)
    patients += [p for p in csv.DictReader(open(c / "clinical" / "patients.csv")) if p["histologic_diagnosis"] == "hcc"]

names = ["intercept", "MVI", "size >= 5 cm", "multinodular", "AFP > 400", "Edmondson 3-4", "satellites", "cirrhosis",
         "TACE", "systemic", "TACE x MVI+ < 5 cm", "TACE x MVI+ >= 5 cm", "TACE x MVI- large/multinodular"]
truth = {"TACE": 0.0, "systemic": math.log(0.74), "TACE x MVI+ < 5 cm": math.log(0.70), "TACE x MVI+ >= 5 cm": math.log(1.17),
         "TACE x MVI- large/multinodular": math.log(0.80)}
x, years, event = [], [], []
for p in patients:
    surgery = dt.date.fromisoformat(p["surgery_date"])
    last, t = surgery, None
    for e in sorted(events[p["patient_id"]], key=lambda e: e["event_date"]):
        day = dt.date.fromisoformat(e["event_date"])
        if e["event_type"] in ("recurrence", "death"):
            t = (day - surgery).days
            break
        last = max(last, day)
    sizes = [float(s) for s in p["nodule_sizes_mm"].split(";") if s]
    mvi, large, multi = p["mvi"] in ("m1", "m2"), max(sizes) >= 50, len(sizes) > 1
    tace = p["adjuvant_strategy"] in ("tace", "tace_systemic")
    systemic = p["adjuvant_strategy"] in ("systemic", "tace_systemic")
    x.append([1, mvi, large, multi, float(p["afp"] or 0) > 400, int(p["edmondson_grade"] or 0) >= 3, p["satellite_nodules"] == "yes",
              p["cirrhosis"] == "yes", tace, systemic, tace and mvi and not large, tace and mvi and large, tace and not mvi and (large or multi)])
    years.append(max(1, t if t is not None else (last - surgery).days) / 365.25)
    event.append(t is not None)
x, years, event = np.array(x, float), np.array(years), np.array(event, float)
beta = np.zeros(x.shape[1])
beta[0] = math.log(event.sum() / years.sum())
for _ in range(50):
    mu = years * np.exp(x @ beta)
    information = (x * mu[:, None]).T @ x
    beta += np.linalg.solve(information, x.T @ (event - mu))
se = np.sqrt(np.diag(np.linalg.inv(information)))
print(f"{len(years)} resected HCC patients of {', '.join(c.name for c in centres)}; {int(event.sum())} RFS events; {int(x[:, 8].sum())} given TACE")
print("truth HR: the recurrence hazard ratio built into the generator (TACE's fatal toxicity adds a little to every TACE term)")
print(f"{'term':32s} {'log HR':>8s} {'SE':>6s} {'HR':>6s} {'truth HR':>9s}")
for n, b, s in zip(names, beta, se):
    t = f"{math.exp(truth[n]):9.2f}" if n in truth else ""
    print(f"{n:32s} {b:8.3f} {s:6.3f} {math.exp(b):6.2f} {t}")
