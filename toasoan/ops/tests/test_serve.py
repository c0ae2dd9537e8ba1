import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from toasoan.ops.processes import process_info, process_tree, stop_tree

PORT = 8721


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
        return response.status, response.read()


@pytest.fixture
def served(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
        "TOASOAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "toasoan.cli", "serve", "--port", str(PORT), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(f"http://127.0.0.1:{PORT}/healthz")
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"serve did not start: {process.stdout.read()}")
            time.sleep(0.3)
    children = process_tree(process.pid)
    yield process
    stop_tree(process.pid, timeout=5, wait=process.wait)
    for child in children:
        stop_tree(child["pid"], timeout=1)


class TestServeCommand:
    def test_serves_with_several_workers_a_scheduler_and_stops_cleanly(self, served):
        status, body = _get(f"http://127.0.0.1:{PORT}/healthz")
        assert status == 200
        assert json.loads(body)["checks"]["database"]["ok"] is True
        children = process_tree(served.pid)
        commands = [child["cmdline"] for child in children]
        assert any("granian" in c for c in commands)
        assert any("toasoan.cli jobs --loop" in c for c in commands)
        # granian's own process plus its 2 workers, plus the scheduler
        assert len(children) >= 4
        served.send_signal(signal.SIGTERM)
        output, _ = served.communicate(timeout=30)
        assert "Tòa soạn is serving http://127.0.0.1:8721/" in output
        assert "quan-tri/" in output
        time.sleep(0.5)
        assert not [c for c in children if process_info(c["pid"])]
