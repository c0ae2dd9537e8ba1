"""Uncached page latency only: the "uncached" part of bench/production.py, on its own.

Usage:
  .venv/bin/python bench/uncached_pages.py [--small toasoan_bench_prod_1000]
      [--large toasoan_bench_prod_100000] [--pages home,search] [--rounds 5] [--seconds 4]
      [--port 8754 (and the next one)] [--media-small DIR] [--media-large DIR]

The same measurement as bench/production.py's uncached table (production settings, page
cache off, one granian worker per database, wrk with 1 connection, both sizes measured back to
back in each round with the order alternating; medians of the rounds and the median of the
rounds' large/small ratios), without building databases, nginx or the throughput runs, so a
change to one page can be measured in a minute. The databases must exist (bench/production.py
builds them); they are only read, except that a rendition missing for a picture is created on
first use when ``--media-*`` points at the images the database was loaded with (by default the
media directory is empty, as in bench/production.py's runs: every picture is then "not found").
Prints the load average before and after.
"""

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import _stack as stack  # noqa: E402 - bench/_stack.py, beside this script
import production  # noqa: E402 - bench/production.py, beside this script


def _loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", default="toasoan_bench_prod_1000")
    parser.add_argument("--large", default="toasoan_bench_prod_100000")
    parser.add_argument("--pages", default="home,search,article,section")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--port", type=int, default=production.UNCACHED_PORT)
    parser.add_argument("--media-small", help="MEDIA_ROOT of the small database")
    parser.add_argument("--media-large", help="MEDIA_ROOT of the large database")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    production.UNCACHED_PORT, production.UNCACHED_PORT_STEP = args.port, 1
    tmp = Path(tempfile.mkdtemp(prefix="toasoan-uncached-"))
    (tmp / "pick.lua").write_text(production.LUA)
    envs, pages = {}, {}
    for label, name, media in (
        ("small", args.small, args.media_small),
        ("large", args.large, args.media_large),
    ):
        var = tmp / label
        var.mkdir()
        env = stack.production_env(
            f"postgres://postgres@127.0.0.1:5432/{name}", production.REDIS, var
        )
        if media:
            env["MEDIA_ROOT"] = media
        stack.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        articles, section = production.article_paths(env, 1000)
        every = {"article": articles, "home": ["/"], "section": [section]}
        every["search"] = [production.SEARCH]
        pages[label] = {page: every[page] for page in args.pages.split(",")}
        envs[label] = env
    before = _loadavg()
    result = production.uncached_latency(envs, pages, args.rounds, args.seconds, tmp)
    after = _loadavg()
    print(f"load average before {before}, after {after}")
    print(f"{'page':<9}{'small p50':>10}{'large p50':>10}{'ratio':>7}  rounds (small/large)")
    out = {"load_before": before, "load_after": after, "pages": {}}
    for page in pages["small"]:
        small, large = result["small"][page], result["large"][page]
        ratios = [b / a for a, b in zip(small["rounds"], large["rounds"], strict=True)]
        rounds = ", ".join(
            f"{a:.1f}/{b:.1f}" for a, b in zip(small["rounds"], large["rounds"], strict=True)
        )
        ratio = statistics.median(ratios)
        print(f"{page:<9}{small['p50']:>10.2f}{large['p50']:>10.2f}{ratio:>6.2f}x  {rounds}")
        out["pages"][page] = {"small": small, "large": large, "paired_ratio": ratio}
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
