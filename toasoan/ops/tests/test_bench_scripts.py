"""The pure parts of the issue #20 benchmarks (bench/mixed_workload.py,
bench/browser_throughput.py, bench/_prodnginx.py): the Zipf read generator, wrk's report, the
nginx log counting, the shipped site file's rewrite and the replay of a recorded view. No
timing here: the numbers come from `make bench`."""

import collections
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"
sys.path.insert(0, str(BENCH))

import _prodnginx  # noqa: E402
import browser_throughput  # noqa: E402
import mixed_workload  # noqa: E402


def test_zipf_draws_follow_the_ranks():
    items = [f"/p{i}/" for i in range(1000)]
    draws = mixed_workload.zipf_draws(items, 100_000, s=1.0, seed=1)
    assert draws == mixed_workload.zipf_draws(items, 100_000, s=1.0, seed=1)
    assert set(draws) <= set(items)
    counts = collections.Counter(draws)
    # Zipf's law with s = 1: rank 1 is read twice as often as rank 2, ten times rank 10.
    assert counts.most_common(1)[0][0] == "/p0/"
    assert 1.8 < counts["/p0/"] / counts["/p1/"] < 2.2
    assert 8 < counts["/p0/"] / counts["/p9/"] < 12
    # The expected share of rank 1 is 1 / H(1000) = 13.4 %.
    assert 0.125 < counts["/p0/"] / len(draws) < 0.143


def test_a_larger_exponent_concentrates_the_reads():
    items = list(range(500))
    flat = collections.Counter(mixed_workload.zipf_draws(items, 20_000, s=0.6))
    steep = collections.Counter(mixed_workload.zipf_draws(items, 20_000, s=1.2))
    assert steep[0] > flat[0] * 2
    assert len(steep) < len(flat)


def test_zipf_index_draws_ranks_from_cumulative_weights():
    import random

    cumulative = mixed_workload.zipf_cumulative(50)
    assert cumulative == sorted(cumulative)
    assert cumulative[-1] == pytest.approx(sum(1 / k for k in range(1, 51)))
    rng = random.Random(2)
    ranks = collections.Counter(mixed_workload.zipf_index(cumulative, rng) for _ in range(20_000))
    assert set(ranks) <= set(range(50))
    assert ranks[0] > ranks[1] > ranks[9]


def test_ranked_paths_put_home_and_sections_first():
    ranked = mixed_workload.ranked_paths("/", ["/a/", "/b/"], [f"/a/{i}/" for i in range(100)])
    assert ranked[:3] == ["/", "/a/", "/b/"]
    assert sorted(ranked[3:]) == sorted(f"/a/{i}/" for i in range(100))
    assert ranked[3:] != [f"/a/{i}/" for i in range(100)]  # shuffled, not in id order


def test_parse_wrk_reads_the_lua_result_line():
    out = "Running 10s test\nRESULT 1234.5 0.812 12.345 12345 3 2\n"
    assert mixed_workload.parse_wrk(out) == {
        "rps": 1234.5,
        "p50": 0.812,
        "p99": 12.345,
        "requests": 12345,
        "errors": 5,
    }
    with pytest.raises(ValueError, match="no RESULT"):
        mixed_workload.parse_wrk("unable to connect to 127.0.0.1:1")


def test_the_nginx_log_counts_micro_cache_app_hits_and_renders():
    lines = [
        "HIT hit 200 0.000 /",  # micro-cache: nginx logs the stored X-Page-Cache
        "HIT miss 200 0.000 /a/",
        "EXPIRED hit 200 0.001 /",  # went to the app, a page-cache hit
        "MISS hit 200 0.001 /b/",
        "MISS miss 200 0.030 /c/",  # a render
        "EXPIRED miss 200 0.020 /",
        "MISS skip 200 0.010 /binh-luan/1/",
        "MISS - 499 0.100 /d/",  # wrk closing at the end: not a request answered
        "MISS miss 500 0.010 /e/",
        "",
    ]
    counts = _prodnginx.count_log(lines)
    assert {k: counts[k] for k in ("nginx", "hit", "miss", "skip", "error")} == {
        "nginx": 2,
        "hit": 2,
        "miss": 2,
        "skip": 1,
        "error": 1,
    }
    assert counts["hit_ratio"] == pytest.approx(4 / 6)
    assert counts["app_hit_ratio"] == pytest.approx(2 / 4)
    assert _prodnginx.count_log([])["hit_ratio"] == 0.0


def test_targets_compare_writes_with_the_read_only_run():
    def mode(rps, app, every):
        return {"rps": rps, "counts": {"app_hit_ratio": app, "hit_ratio": every}}

    ok = mixed_workload.check_targets(
        {"read-only": mode(1000, 0.90, 0.95), "tags": mode(850, 0.88, 0.94)}
    )
    assert [met for *_rest, met in ok] == [True, True, True]
    missed = mixed_workload.check_targets(
        {"read-only": mode(1000, 0.90, 0.95), "tags": mode(700, 0.80, 0.94)}
    )
    assert [met for *_rest, met in missed] == [False, True, False]


def test_the_shipped_site_file_is_rewritten_for_a_benchmark(tmp_path):
    text = _prodnginx.site_config(
        tmp_path, "127.0.0.1:8999", "127.0.0.1:8998", bench_log=tmp_path / "logs" / "b.log"
    )
    assert "listen 127.0.0.1:8999;" in text
    assert "server 127.0.0.1:8998 " in text
    directives = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "/srv/toasoan" not in directives and "/var/log/nginx" not in directives
    assert f"access_log {tmp_path}/logs/b.log toasoan_bench;" in text
    assert "proxy_cache toasoan_pages;" in text  # the micro-cache as shipped


@pytest.mark.skipif(not os.path.exists(_prodnginx.NGINX), reason="nginx is not installed")
def test_the_rewritten_site_file_passes_nginx_t(tmp_path):
    server = _prodnginx.static_server("127.0.0.1:8997", tmp_path / "html", tmp_path / "static")
    nginx = _prodnginx.Nginx(
        tmp_path, "127.0.0.1:8999", "127.0.0.1:8998", extra_servers=[server], bench_log=True
    )
    argv = [_prodnginx.NGINX, "-t", "-p", str(tmp_path), "-c", str(nginx.root / "nginx.conf")]
    check = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    assert check.returncode == 0, check.stderr


def test_a_recorded_view_is_replayed_for_other_articles():
    recorded = [
        ("/a/bai-1/", {"Host": "127.0.0.1:1", "Accept-Encoding": "gzip, br"}),
        (
            "/media/thong-ke/so-lieu.json",
            {"Referer": "http://127.0.0.1:1/a/bai-1/", "If-None-Match": '"x"'},
        ),
    ]
    views = browser_throughput.replay_views(recorded, "/a/bai-1/", ["/b/bai-2/", "/c/bai-3/"])
    assert [[p for p, _h in view] for view in views] == [
        ["/b/bai-2/", "/media/thong-ke/so-lieu.json"],
        ["/c/bai-3/", "/media/thong-ke/so-lieu.json"],
    ]
    assert views[1][1][1]["Referer"] == "http://127.0.0.1:1/c/bai-3/"
    text = browser_throughput.replay_file_text(views)
    lines = text.split("\n")
    assert lines[0] == "/b/bai-2/\tAccept-Encoding: gzip, br"  # Host is wrk's to set
    assert lines[1] == (
        '/media/thong-ke/so-lieu.json\tReferer: http://127.0.0.1:1/b/bai-2/\tIf-None-Match: "x"'
    )
    assert lines[2] == ""  # a blank line ends a view
    with pytest.raises(ValueError, match="tab or newline"):
        browser_throughput.replay_file_text([[("/x/", {"Bad": "a\tb"})]])
