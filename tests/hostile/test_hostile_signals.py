"""Signals at any moment (issue 11 point 6): never a traceback or "Aborted!"; before a plan exit 4
and nothing written; after one, exit 0 with the plan and "interrupted": true."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE = Path(__file__).with_name("base")


@pytest.fixture()
def scen(tmp_path) -> Path:
    import shutil
    folder = tmp_path / "scen"
    shutil.copytree(BASE, folder)
    return folder


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_before_any_plan(sig, scen, tmp_path):
    out = tmp_path / "plan"
    proc = subprocess.Popen([sys.executable, "-m", "planner.cli", "solve", str(scen), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(0.5)
    proc.send_signal(sig)
    text, _ = proc.communicate(timeout=60)
    assert "Traceback" not in text and "Aborted!" not in text
    if proc.returncode == 4:
        assert "interrupted before any plan" in text
        assert not out.exists()
    else:                       # the tiny scenario may be solved before the signal lands
        assert proc.returncode == 0, text
