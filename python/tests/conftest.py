"""Shared set-up of the Python tests: where the winnow executable and the sources are.

ctest sets WINNOW_TOOL (build/winnow) and WINNOW_SOURCE_DIR, and PYTHONPATH to build/python;
run by hand:  PYTHONPATH=build/python WINNOW_TOOL=build/winnow /usr/bin/python3 -m pytest python/tests
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("WINNOW_SOURCE_DIR", Path(__file__).resolve().parents[2])).resolve()
TOOL = os.path.abspath(os.environ.get("WINNOW_TOOL", str(SOURCE_DIR / "build" / "winnow")))


def run_cli(*args, input=None, check=True):
    """Runs `winnow ARGS...`; returns its standard output as bytes."""
    r = subprocess.run([TOOL, *map(str, args)], input=input, capture_output=True)
    if check and r.returncode != 0:
        raise AssertionError(f"winnow {' '.join(map(str, args))}: exit {r.returncode}: {r.stderr.decode()}")
    return r.stdout


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def source_dir():
    return SOURCE_DIR


@pytest.fixture
def python():
    return sys.executable
