"""The quality benchmark runs in quick mode and its numbers parse (a smoke test, not a
measurement: the numbers themselves come from `make bench`)."""

import re
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared/corpus/articles.jsonl"
ROW_RE = re.compile(r"^\| (\w+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$", re.M)


class TestSearchQualityBench(SimpleTestCase):
    def test_quick_run_completes_and_reports_recall_per_kind(self):
        if not CORPUS.exists():
            self.skipTest(f"corpus missing at {CORPUS}")
        process = subprocess.run(
            [
                sys.executable,
                "bench/search_quality.py",
                "--quick",
                "--articles",
                "1000",
                "--queries",
                "6",
                "--backends",
                "sqlite",
                "--no-write",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        self.assertEqual(process.returncode, 0, process.stderr[-3000:])
        rows = {m[0]: [float(x) for x in m[2:]] for m in ROW_RE.findall(process.stdout)}
        self.assertGreaterEqual(set(rows), {"exact", "no_accents", "abbreviation", "phrase"})
        for kind, numbers in rows.items():
            for value in numbers:
                self.assertTrue(0.0 <= value <= 1.0, (kind, value))
        # Accent-free typing is the point of the whole feature: it must beat stock search.
        ours_recall, stock_recall = rows["no_accents"][0], rows["no_accents"][1]
        self.assertGreater(ours_recall, stock_recall)
