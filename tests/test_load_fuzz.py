"""No input makes loading raise: random bytes, YAML-like text and mutations of a real offer.

Bounded so CI spends a few seconds here; a failure prints the input that broke the loader.
"""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_offer
from tests.conftest import DATA, ROOT

OFFER = (ROOT / DATA / "valid/full.yaml").read_text(encoding="utf-8")
YAML_BITS = [
    "title: ", "- ", ": ", "[", "]", "{", "}", '"', "'", "!!bool ", "!!int ", "!!float ", "!!timestamp ", "!!str ",
    "&a ", "*a ", "? ", "|", ">", "\n", "  ", "\t", "#", "---\n", "...", "~", "null", "yes", "2012-13-45",
    "%YAML 1.1\n", "contacts:\n  - name: ", "goals: [", "\\u202e", "\x00", "\ufeff", "last_updated: ",
]  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    offer, problems = load_offer(path)
    assert offer is not None or problems
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path, raw):
    check(tmp_path, raw)


@SETTINGS
@given(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=8), max_size=40))
def test_yaml_like_text(tmp_path, parts):
    check(tmp_path, "".join(parts).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.integers(0, len(OFFER)), st.integers(0, 30), st.sampled_from(YAML_BITS) | st.text(max_size=5))
def test_mutated_offer(tmp_path, at, cut, insert):
    check(tmp_path, (OFFER[:at] + insert + OFFER[at + cut :]).encode("utf-8", "surrogatepass"))
