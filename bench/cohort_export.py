"""The part of a synthetic cohort export the therapy bench scripts share: its centres, and each centre's resected HCC
patients with P4's RFS (days from surgery to the first recurrence or death; otherwise censored at the last recorded
event). Imported by therapy_effects_parametric.py and therapy_effects_dr.py, which run from this folder."""
import collections
import csv
import datetime as dt


def centres(cohort):
    """The centre folders of an export, in order (the last is the one the therapy model holds out)."""
    return sorted(p for p in cohort.iterdir() if p.name.startswith("centre-"))


def resected_hcc_with_rfs(centre):
    """(patients.csv row, RFS days, RFS event) for every HCC patient of the centre with a surgery date."""
    events = collections.defaultdict(list)
    for e in csv.DictReader(open(centre / "clinical" / "events.csv")):
        events[e["patient_id"]].append(e)
    for p in csv.DictReader(open(centre / "clinical" / "patients.csv")):
        if p["histologic_diagnosis"] != "hcc" or not p["surgery_date"]:
            continue
        surgery = dt.date.fromisoformat(p["surgery_date"])
        last, t = surgery, None
        for e in sorted(events[p["patient_id"]], key=lambda e: e["event_date"]):
            day = dt.date.fromisoformat(e["event_date"])
            if e["event_type"] in ("recurrence", "death"):
                t = (day - surgery).days
                break
            last = max(last, day)
        yield p, (t if t is not None else (last - surgery).days), t is not None
