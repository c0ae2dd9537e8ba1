"""Import accuracy on varied page dumps generated from the corpus (see ``_import_dumps.py``).

Generates N dumps with ground truth into a temporary folder, reads each with the text importer
(exactly what `toasoan import --format text` runs) and reports per-field accuracy: title, date,
author and source exact, body paragraphs as F1 (mean per dump). Target: ≥ 98 % on each.
The reference printed beside it is a naive reader measured in the same run (first line =
title, everything else = body, no date or byline), so the ratio shows what the parsing adds.

    .venv/bin/python bench/import_accuracy.py [--dumps 1000] [--seed 2020] [--quick] [--show 5]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
TARGET = 0.98
FIELDS = ("title", "published", "author", "source")


def f1(predicted, truth):
    if not predicted and not truth:
        return 1.0
    common = sum((Counter(predicted) & Counter(truth)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(predicted), common / len(truth)
    return 2 * precision * recall / (precision + recall)


def naive(raw):
    lines = [line.strip() for line in raw.decode("utf-8-sig").splitlines() if line.strip()]
    return {
        "title": lines[0],
        "published": None,
        "author": "",
        "source": "",
        "body_paragraphs": lines[1:],
    }


def score(results):
    totals = {field: 0 for field in FIELDS}
    body = 0.0
    for predicted, truth in results:
        for field in FIELDS:
            totals[field] += predicted.get(field) == truth[field]
        body += f1(predicted.get("body_paragraphs") or [], truth["body_paragraphs"])
    n = max(len(results), 1)
    return {**{field: totals[field] / n for field in FIELDS}, "body_f1": body / n}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dumps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--quick", action="store_true", help="300 dumps")
    parser.add_argument("--show", type=int, default=5, help="print this many misses per field")
    args = parser.parse_args()
    count = 300 if args.quick else args.dumps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
    import django

    django.setup()
    from _import_dumps import build

    from toasoan.legacy.importers.base import ImportFailure
    from toasoan.legacy.importers.text import parse_text

    with tempfile.TemporaryDirectory(prefix="toasoan-dumps-") as folder:
        truths = build(folder, count, seed=args.seed)
        ours, reference, failures = [], [], 0
        started = time.perf_counter()
        for truth in truths:
            raw = Path(truth["file"]).read_bytes()
            try:
                predicted = parse_text(raw, truth["file"]).as_json()
            except ImportFailure:
                failures += 1
                predicted = {}
            ours.append((predicted, truth))
        elapsed = time.perf_counter() - started
        for truth in truths:
            reference.append((naive(Path(truth["file"]).read_bytes()), truth))

    ours_score, ref_score = score(ours), score(reference)
    print(f"Import accuracy on {count} generated dumps (seed {args.seed}); {failures} unparsed")
    print(f"{'field':<10} {'ours':>8} {'naive':>8}  target {TARGET:.0%}")
    ok = True
    for field in (*FIELDS, "body_f1"):
        passed = ours_score[field] >= TARGET
        ok &= passed
        print(
            f"{field:<10} {ours_score[field]:>8.2%} {ref_score[field]:>8.2%}  "
            f"{'PASS' if passed else 'FAIL'}"
        )
    print(f"parse speed: {count / elapsed:,.0f} dumps/s")
    for field in FIELDS:
        misses = [(p.get(field), t[field], t["file"]) for p, t in ours if p.get(field) != t[field]]
        for got, want, file in misses[: args.show]:
            print(f"  miss {field}: got {got!r} want {want!r} ({Path(file).name})")
    print(
        json.dumps(
            {
                "bench": "import_accuracy",
                "dumps": count,
                "ours": ours_score,
                "naive": ref_score,
                "target": TARGET,
                "pass": ok,
            }
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
