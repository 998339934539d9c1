"""The help page for content owners (docs/hjaelp/ret-et-tilbud.md) stays true to what the tool does."""

import re
import subprocess
import sys

import pytest

from generator.settings import CATALOGUE_DIR
from generator.stale import DEFAULT_MAX_AGE_MONTHS
from tests.conftest import DATA, ROOT

HELP_PAGE = ROOT / "docs/hjaelp/ret-et-tilbud.md"


@pytest.mark.parametrize(
    "defect", ["date-not-iso", "colon-in-value", "missing-space-after-colon", "lost-indentation", "hash-in-value"]
)
def test_the_example_messages_are_what_validate_prints(tmp_path, defect):
    """The page quotes messages for a file named as a content owner's would be: they must be the tool's own."""
    (tmp_path / CATALOGUE_DIR).mkdir()
    offer = f"{CATALOGUE_DIR}/rygestop.yaml"
    (tmp_path / offer).write_bytes((DATA / "invalid" / f"{defect}.yaml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", offer], cwd=tmp_path, capture_output=True, text=True
    )
    (message,) = result.stdout.splitlines()
    assert f"\n{message}\n" in HELP_PAGE.read_text(encoding="utf-8")


def test_the_stale_threshold_is_the_tools():
    months = {int(number) for number in re.findall(r"over\s+(\d+)\s+måneder", HELP_PAGE.read_text(encoding="utf-8"))}
    assert months == {DEFAULT_MAX_AGE_MONTHS}
