"""The README's Python example runs as written."""
import re
import subprocess
import sys

from conftest import SOURCE_DIR


def readme_python_blocks():
    readme = (SOURCE_DIR / "README.md").read_text()
    return re.findall(r"^```python\n(.*?)^```", readme, flags=re.S | re.M)


def test_readme_python_example_runs_as_written():
    blocks = readme_python_blocks()
    assert blocks, "README.md has no ```python block"
    example = blocks[0]
    assert len(example.strip().splitlines()) <= 5, example
    # Run as the README says: from the source directory, with the module from the build tree
    # (ctest's PYTHONPATH) or installed.
    r = subprocess.run([sys.executable, "-c", example], cwd=SOURCE_DIR, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()
