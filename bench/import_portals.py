"""Import accuracy on page dumps from portals the importer was NOT tuned on.

Pages come from ``_import_dumps_portals.py`` (a second, independent generator: other portals'
chrome, other orders, missing fields) and from the hand-written page shapes modelled on real
public portals in ``toasoan/legacy/tests/fixtures/portals/`` (each ``*.txt`` beside a
``*.json`` truth). Generated pages are split by CRC32 of the corpus id into a tuning part and a
HELD-OUT part; the parser was only ever tuned on the tuning part, and the report's headline is
the held-out part. Target: ≥ 98 % title/date/author/source, body F1 ≥ 0.98.

    .venv/bin/python bench/import_portals.py [--pages 2000] [--quick] [--show 5]
"""

import argparse
import json
import os
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
CORPUS = Path(os.environ.get("TOASOAN_CORPUS", "/work/shared/corpus/articles.jsonl"))
FIXTURES = REPO / "toasoan/legacy/tests/fixtures/portals"
FIELDS = ("title", "published", "author", "source")
TARGET = 0.98


def held_out(truth):
    return zlib.crc32(b"portals:" + truth["id"].encode()) % 3 == 0


def evaluate(pages):
    from import_accuracy import score

    from toasoan.legacy.importers.base import ImportFailure
    from toasoan.legacy.importers.text import parse_text

    results, failures = [], 0
    for raw, truth in pages:
        try:
            predicted = parse_text(raw, truth.get("file", truth["id"])).as_json()
        except ImportFailure:
            failures += 1
            predicted = {}
        results.append((predicted, truth))
    return score(results), results, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="600 pages")
    parser.add_argument("--show", type=int, default=0, help="misses per field (TUNING part only)")
    args = parser.parse_args()
    count = 600 if args.quick else args.pages
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
    import django

    django.setup()
    from _import_dumps_portals import build_pages

    records = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) >= count:
                break
    pages = build_pages(records)
    parts = {
        "tuning": [p for p in pages if not held_out(p[1])],
        "held_out": [p for p in pages if held_out(p[1])],
    }
    fixtures = []
    for path in sorted(FIXTURES.glob("*.txt")):
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        fixtures.append((path.read_bytes(), {**truth, "id": path.stem, "file": str(path)}))
    parts["portal_shapes"] = fixtures
    ok = True
    print(f"{'part':<14} {'pages':>6} " + " ".join(f"{f:>10}" for f in (*FIELDS, "body_f1")))
    summary = {}
    for name, part in parts.items():
        result, results, failures = evaluate(part)
        summary[name] = {**result, "pages": len(part), "unparsed": failures}
        print(
            f"{name:<14} {len(part):>6} "
            + " ".join(f"{result[f]:>10.2%}" for f in (*FIELDS, "body_f1"))
            + (f"  ({failures} unparsed)" if failures else "")
        )
        if name == "held_out":
            ok = all(result[f] >= TARGET for f in (*FIELDS, "body_f1"))
        if name == "tuning" and args.show:
            for field in FIELDS:
                misses = [(p.get(field), t[field]) for p, t in results if p.get(field) != t[field]]
                for got, want in misses[: args.show]:
                    print(f"  miss {field}: got {got!r} want {want!r}")
    print(json.dumps({"bench": "import_portals", **summary, "target": TARGET, "pass": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
