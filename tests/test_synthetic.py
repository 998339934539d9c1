"""The benchmarks' synthetic catalogue must be one that `catalogue validate` accepts."""

import subprocess
import sys

from bench.synthetic import write_catalogue


def test_fifty_synthetic_offers_validate(tmp_path):
    paths = write_catalogue(tmp_path / "catalogue", 50, seed=7)
    assert len(paths) == 50
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(tmp_path / "catalogue")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "50 file(s) valid" in result.stderr


def test_same_seed_same_catalogue_and_the_offers_vary(tmp_path):
    first = write_catalogue(tmp_path / "a", 20, seed=3)
    second = write_catalogue(tmp_path / "b", 20, seed=3)
    texts = [path.read_text(encoding="utf-8") for path in first]
    assert texts == [path.read_text(encoding="utf-8") for path in second]
    assert len({len(text) for text in texts}) > 10
    assert any("contacts:" not in text for text in texts) and any(text.count("- name:") >= 2 for text in texts)
