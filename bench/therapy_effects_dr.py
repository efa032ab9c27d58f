"""Does a doubly robust learner find who benefits from adjuvant therapy where the therapy network does not? A check beside it.

On a synthetic cohort export, trained on every centre but the last and measured on the last (like `livercast train
--model therapy`), it fits:
- propensity: P(TACE|x) and P(systemic|x), two ridge logistic regressions on structured features and centre (as the
  therapy model's IPW does);
- outcome: an exponential proportional-hazards model of P4's RFS (recurrence or death) with the strategy as two additive
  components (TACE, systemic), 5-fold cross-fitted on the training centres; with --interactions, each component is also
  modified by every feature (a T-learner-like plug-in); with --subgroups, TACE is modified in the trial subgroups the
  therapy model uses (MVI+ < 5 cm, MVI+ >= 5 cm, MVI- large or multinodular; TaceEffectModifiers);
- the DR-learner (Kennedy 2023): AIPW pseudo-outcomes of 3-year RFS per strategy, with inverse-probability-of-censoring
  weights (Kaplan-Meier of censoring) for patients whose 3-year status is known, and a ridge regression of each
  strategy's pseudo-outcome difference to surgery alone on the features, its penalty chosen by 5-fold CV.
- with --policy-tree, a depth-2 policy tree (Athey & Wager 2021) on the IPCW-weighted doubly robust scores: the
  two-level rule on the features that maximises the scores of the strategies it assigns (leaves of >= 100 patients).
It prints, per strategy, the mean predicted and true gain in 3-year RFS and their correlation on the held-out centre, and
the share of the oracle policy's gain over observed practice that each policy recovers (the therapy report's
`policy_gain_fraction`; lightest strategy within one point of the best). A CV penalty at the top of the grid means the
data show no heterogeneity beyond noise. Usage: therapy_effects_dr.py COHORT_DIR [--interactions | --subgroups] [--policy-tree]
"""
import csv
import math
import pathlib
import sys

import numpy as np

import cohort_export

cohort = pathlib.Path(sys.argv[1])
interactions, subgroups, policy_tree = "--interactions" in sys.argv, "--subgroups" in sys.argv, "--policy-tree" in sys.argv
HORIZON_DAYS = 3 * 365.25
STRATEGIES = ["surgery_alone", "tace", "tace_systemic", "systemic"]
LIGHTEST_FIRST = [0, 1, 3, 2]
PENALTIES = (1, 10, 100, 1000, 10000, 1e5)
truth = {r["hospital_number"]: r for r in csv.DictReader(open(cohort / "truth" / "truth.csv"))}
centres = cohort_export.centres(cohort)

rows, sub = [], []
for ci, c in enumerate(centres):
    for p, days, rfs_event in cohort_export.resected_hcc_with_rfs(c):
        sizes = [float(s) for s in p["nodule_sizes_mm"].split(";") if s]
        num = lambda k: float(p[k]) if p[k] else np.nan
        log = lambda k: math.log1p(float(p[k])) if p[k] else np.nan
        x = [num("albumin"), num("total_bilirubin"), num("inr"), log("afp"), log("pivka_ii"), num("platelets"), max(sizes), len(sizes),
             p["cirrhosis"] == "yes", p["hbsag_positive"] == "yes", p["mvi"] == "m1", p["mvi"] == "m2", float(p["edmondson_grade"] or 2),
             p["satellite_nodules"] == "yes", p["capsule_complete"] == "yes", p["sex"] == "male", float(p["ecog"] or 0)]
        mvi = p["mvi"] in ("m1", "m2")
        sub.append([mvi and max(sizes) < 50, mvi and max(sizes) >= 50, not mvi and (max(sizes) >= 50 or len(sizes) > 1)])
        rows.append((ci, x, STRATEGIES.index(p["adjuvant_strategy"]), days, rfs_event, [float(truth[p["patient_id"]]["rfs3y_" + s]) for s in STRATEGIES]))

centre = np.array([r[0] for r in rows])
x = np.array([r[1] for r in rows], float)
strategy = np.array([r[2] for r in rows])
days = np.maximum(np.array([r[3] for r in rows], float), 1)
event = np.array([r[4] for r in rows])
true_rfs3y = np.array([r[5] for r in rows])
train, test = centre < len(centres) - 1, centre == len(centres) - 1
for j in range(x.shape[1]):  # median imputation, standardised on the training centres
    x[np.isnan(x[:, j]), j] = np.nanmedian(x[train, j])
x = (x - x[train].mean(0)) / x[train].std(0)
xc = np.c_[np.ones(len(x)), x]
tace = np.isin(strategy, [1, 2]).astype(float)
systemic = np.isin(strategy, [2, 3]).astype(float)


def ridge_logistic(design, y, penalty=1.0):
    b = np.zeros(design.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-design @ b))
        b += np.linalg.solve((design * (p * (1 - p))[:, None]).T @ design + penalty * np.eye(len(b)), design.T @ (y - p) - penalty * b)
    return 1 / (1 + np.exp(-design @ b))


centre_dummies = np.array([(centre == k).astype(float) for k in range(1, len(centres) - 1)]).T.reshape(len(x), -1)
xp = np.c_[xc, centre_dummies]
p_tace = np.empty(len(x))
p_sys = np.empty(len(x))
for target, out in ((tace, p_tace), (systemic, p_sys)):
    fitted = ridge_logistic(xp[train], target[train])
    out[train] = fitted
    # The held-out centre has no dummy of its own: its propensity is never used (pseudo-outcomes are training-only).
    out[test] = np.nan
propensity = np.clip(np.c_[(1 - p_tace) * (1 - p_sys), p_tace * (1 - p_sys), p_tace * p_sys, (1 - p_tace) * p_sys], 0.02, 1)

# Inverse probability of censoring weights for the 3-year status (Kaplan-Meier of the censoring times, training centres).
order = np.argsort(days[train])
censor_times, censored = days[train][order], ~event[train][order]
at_risk = len(censor_times) - np.arange(len(censor_times))
censoring_survival = np.cumprod(np.where(censored, 1 - 1 / at_risk, 1.0))


def censoring_km(t):
    i = np.searchsorted(censor_times, t, side="left") - 1
    return np.where(i < 0, 1.0, censoring_survival[np.clip(i, 0, None)])


status_known = (event & (days <= HORIZON_DAYS)) | (days > HORIZON_DAYS)
rfs_beyond_3y = (days > HORIZON_DAYS).astype(float)
ipcw = np.where(status_known, 1 / np.maximum(censoring_km(np.minimum(days, HORIZON_DAYS)), 0.05), 0.0)


subgroup = np.array(sub, float)


def outcome_design(rows, s):
    design = xc[rows]
    t, y = np.isin(s, [1, 2]).astype(float), np.isin(s, [2, 3]).astype(float)
    if subgroups:
        z = subgroup[rows]
        return np.c_[design, t, y, t[:, None] * z]
    if interactions:
        return np.c_[design, t, y, t[:, None] * design[:, 1:], y[:, None] * design[:, 1:]]
    return np.c_[design, t, y]


def poisson_fit(design, years, ev, penalty=1.0):
    b = np.zeros(design.shape[1])
    b[0] = math.log(ev.sum() / years.sum())
    for _ in range(40):
        mu = years * np.exp(design @ b)
        b += np.linalg.solve((design * mu[:, None]).T @ design + penalty * np.eye(len(b)), design.T @ (ev - mu) - penalty * b)
    return b


def rfs3y(b, rows, s):
    return np.exp(-HORIZON_DAYS / 365.25 * np.exp(outcome_design(rows, np.full(len(rows), s)) @ b))


rng = np.random.default_rng(2027)
train_idx = np.where(train)[0]
fold = rng.integers(0, 5, len(train_idx))
mu = np.zeros((len(x), 4))
for k in range(5):  # cross-fitting: each training patient's outcome predicted by a model that did not see it
    fit, out = train_idx[fold != k], train_idx[fold == k]
    b = poisson_fit(outcome_design(fit, strategy[fit]), days[fit] / 365.25, event[fit].astype(float))
    for s in range(4):
        mu[out, s] = rfs3y(b, out, s)
b = poisson_fit(outcome_design(train_idx, strategy[train]), days[train] / 365.25, event[train].astype(float))
for s in range(4):
    mu[test, s] = rfs3y(b, np.where(test)[0], s)

observed_mu = mu[np.arange(len(x)), strategy]
pseudo = mu + (np.eye(4)[strategy] / np.where(train[:, None], propensity, 1)) * (rfs_beyond_3y - observed_mu)[:, None]
dr_gain = np.zeros((test.sum(), 4))
print(f"{train.sum()} training, {test.sum()} held-out resected HCC patients; outcome model {'with' if interactions else 'without'} feature x strategy interactions")
print(f"{'strategy':15s} {'penalty':>8s} {'pred DR':>8s} {'pred plug':>10s} {'true':>6s} {'r DR':>6s} {'r plug':>7s}")
for s in range(1, 4):
    diff, w = pseudo[:, s] - pseudo[:, 0], ipcw * train
    penalty_by_cv = {}
    for penalty in PENALTIES:
        error = 0.0
        for k in range(5):
            fit, out = train_idx[fold != k], train_idx[fold == k]
            reg = np.eye(xc.shape[1]) * penalty
            reg[0, 0] = 0
            coef = np.linalg.solve((xc[fit] * w[fit, None]).T @ xc[fit] + reg, (xc[fit] * w[fit, None]).T @ diff[fit])
            error += (w[out] * (diff[out] - xc[out] @ coef) ** 2).sum()
        penalty_by_cv[penalty] = error
    penalty = min(penalty_by_cv, key=penalty_by_cv.get)
    reg = np.eye(xc.shape[1]) * penalty
    reg[0, 0] = 0
    coef = np.linalg.solve((xc[train] * w[train, None]).T @ xc[train] + reg, (xc[train] * w[train, None]).T @ diff[train])
    dr_gain[:, s] = xc[test] @ coef
    plug = mu[test, s] - mu[test, 0]
    true_gain = true_rfs3y[test, s] - true_rfs3y[test, 0]
    print(f"{STRATEGIES[s]:15s} {penalty:8g} {dr_gain[:, s].mean():8.3f} {plug.mean():10.3f} {true_gain.mean():6.3f} "
          f"{np.corrcoef(dr_gain[:, s], true_gain)[0, 1]:6.2f} {np.corrcoef(plug, true_gain)[0, 1]:7.2f}")


def lightest_within_one_point(gain):
    ok = gain >= gain.max(1, keepdims=True) - 0.01
    return np.array([next(s for s in LIGHTEST_FIRST if ok[i, s]) for i in range(len(gain))])


truth_test = true_rfs3y[test]
observed = truth_test[np.arange(len(truth_test)), strategy[test]].mean()
oracle = truth_test.max(1).mean()


def gain_fraction(policy):
    return (truth_test[np.arange(len(policy)), policy].mean() - observed) / (oracle - observed)


for name, policy in (("DR-learner", lightest_within_one_point(dr_gain)), ("plug-in outcome model", lightest_within_one_point(mu[test] - mu[test][:, [0]])),
                     *((f"everyone {s}", np.full(test.sum(), i)) for i, s in enumerate(STRATEGIES))):
    print(f"{name:28s} gain fraction {gain_fraction(policy):6.3f}   strategies {np.bincount(policy, minlength=4).tolist()}")


def fit_policy_tree(features, scores, min_leaf=100):
    """Exhaustive depth-2 search; each leaf takes the strategy with the largest summed score. Returns a predict function."""
    candidates = []
    for j in range(features.shape[1]):
        values = np.unique(features[:, j])
        candidates.append((values[:-1] + values[1:]) / 2 if len(values) <= 12 else np.unique(np.quantile(features[:, j], np.linspace(0.05, 0.95, 19))))

    def leaf(rows):
        total = scores[rows].sum(0)
        return total.max(), int(total.argmax())

    def best_split(rows, depth):
        best = (leaf(rows)[0], None)
        if depth == 0:
            return best
        for j, cuts in enumerate(candidates):
            for c in cuts:
                left, right = rows[features[rows, j] <= c], rows[features[rows, j] > c]
                if len(left) < min_leaf or len(right) < min_leaf:
                    continue
                value = best_split(left, depth - 1)[0] + best_split(right, depth - 1)[0]
                if value > best[0]:
                    best = (value, (j, c))
        return best

    def build(rows, depth):
        split = best_split(rows, depth)[1]
        if split is None:
            return leaf(rows)[1]
        j, c = split
        return (j, c, build(rows[features[rows, j] <= c], depth - 1), build(rows[features[rows, j] > c], depth - 1))

    tree = build(np.arange(len(features)), 2)

    def predict(x_new):
        def one(node, row):
            while isinstance(node, tuple):
                node = node[2] if row[node[0]] <= node[1] else node[3]
            return node
        return np.array([one(tree, row) for row in x_new])
    return predict


if policy_tree:
    tree_policy = fit_policy_tree(x[train], pseudo[train] * ipcw[train][:, None])(x[test])
    print(f"{'policy tree (depth 2)':28s} gain fraction {gain_fraction(tree_policy):6.3f}   strategies {np.bincount(tree_policy, minlength=4).tolist()}")
