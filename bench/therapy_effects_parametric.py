"""Can the training centres' data show the adjuvant effects the synthetic truth built in? A check beside the therapy model.

Fits, on the training centres of a cohort export (every centre but the last), a correctly specified parametric model of
P4's RFS (recurrence or death): exponential proportional hazards (Poisson likelihood, Newton-Raphson) with the measured
risk factors, TACE and systemic therapy, and TACE's interactions with exactly the subgroups the generator uses (MVI-positive
tumours < 5 cm, MVI-positive >= 5 cm, MVI-negative large or multinodular). It prints each log hazard ratio with its standard
error beside the truth's. If even this model, told where the effects differ, estimates them with wide errors and pulled
toward 1 (hidden biology acts like a frailty, which attenuates marginal hazard ratios), a network that must also find the
subgroups cannot rank patients by benefit on a cohort of this size. Usage: therapy_effects_parametric.py COHORT_DIR
"""
import math
import pathlib
import sys

import numpy as np

import cohort_export

cohort = pathlib.Path(sys.argv[1])
training_centres = cohort_export.centres(cohort)[:-1]
patients = [row for c in training_centres for row in cohort_export.resected_hcc_with_rfs(c)]

names = ["intercept", "MVI", "size >= 5 cm", "multinodular", "AFP > 400", "Edmondson 3-4", "satellites", "cirrhosis",
         "TACE", "systemic", "TACE x MVI+ < 5 cm", "TACE x MVI+ >= 5 cm", "TACE x MVI- large/multinodular"]
truth = {"TACE": 0.0, "systemic": math.log(0.74), "TACE x MVI+ < 5 cm": math.log(0.70), "TACE x MVI+ >= 5 cm": math.log(1.17),
         "TACE x MVI- large/multinodular": math.log(0.80)}
x, years, event = [], [], []
for p, days, rfs_event in patients:
    sizes = [float(s) for s in p["nodule_sizes_mm"].split(";") if s]
    mvi, large, multi = p["mvi"] in ("m1", "m2"), max(sizes) >= 50, len(sizes) > 1
    tace = p["adjuvant_strategy"] in ("tace", "tace_systemic")
    systemic = p["adjuvant_strategy"] in ("systemic", "tace_systemic")
    x.append([1, mvi, large, multi, float(p["afp"] or 0) > 400, int(p["edmondson_grade"] or 0) >= 3, p["satellite_nodules"] == "yes",
              p["cirrhosis"] == "yes", tace, systemic, tace and mvi and not large, tace and mvi and large, tace and not mvi and (large or multi)])
    years.append(max(1, days) / 365.25)
    event.append(rfs_event)
x, years, event = np.array(x, float), np.array(years), np.array(event, float)
beta = np.zeros(x.shape[1])
beta[0] = math.log(event.sum() / years.sum())
for _ in range(50):
    mu = years * np.exp(x @ beta)
    information = (x * mu[:, None]).T @ x
    beta += np.linalg.solve(information, x.T @ (event - mu))
se = np.sqrt(np.diag(np.linalg.inv(information)))
print(f"{len(years)} resected HCC patients of {', '.join(c.name for c in training_centres)}; {int(event.sum())} RFS events; {int(x[:, 8].sum())} given TACE")
print("truth HR: the recurrence hazard ratio built into the generator (TACE's fatal toxicity adds a little to every TACE term)")
print(f"{'term':32s} {'log HR':>8s} {'SE':>6s} {'HR':>6s} {'truth HR':>9s}")
for n, b, s in zip(names, beta, se):
    t = f"{math.exp(truth[n]):9.2f}" if n in truth else ""
    print(f"{n:32s} {b:8.3f} {s:6.3f} {math.exp(b):6.2f} {t}")
