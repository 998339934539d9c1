"""The `catalogue` command as a content owner runs it: exact output and exit codes."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import EXIT_CODES, SCHEMAS
from tests.conftest import ROOT


def catalogue(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_validate_valid_files_exits_0():
    result = catalogue("validate", "tests/data/valid")
    assert result.returncode == 0
    # Warnings are shown, and do not fail the check: two offers give a phone number that no contact has and
    # have no access value, and all three share the title "Rygestop" without a subtitle.
    assert [line.split(": ")[2] for line in result.stdout.splitlines()] == ["advarsel"] * 7
    valid = len(list((ROOT / "tests/data/valid").glob("*.yaml")))
    assert result.stderr == f"{valid} fil(er) uden fejl; 7 advarsel(er)\n"


def test_validate_reports_every_problem_one_per_line_and_exits_1():
    result = catalogue("validate", "tests/data/invalid/unknown-key.yaml", "tests/data/invalid/date-not-iso.yaml")
    assert result.returncode == 1
    assert result.stdout == (
        "tests/data/invalid/unknown-key.yaml:4:1: formål (purpose): mangler; tilføj 'purpose: …' efter linjen med "
        "'municipalities:'\n"
        "tests/data/invalid/unknown-key.yaml:5:1: purpse: ukendt feltnavn; mente du purpose?\n"
        "tests/data/invalid/date-not-iso.yaml:8:1: senest opdateret (last_updated): '19-12-2012' skal skrives som "
        "år-måned-dag: 2012-12-19\n"
    )
    assert result.stderr == "3 fejl i 2 fil(er); 2 tilbudsfil(er) læst\n"


@pytest.mark.parametrize("choose", [["--lang", "en"], []])
def test_validate_speaks_english_to_developers_who_ask(choose, monkeypatch):
    """Content owners read Danish; `--lang en` or CATALOGUE_LANG=en gives a developer English and key paths."""
    if not choose:
        monkeypatch.setenv("CATALOGUE_LANG", "en")
    result = catalogue(
        "validate", *choose, "tests/data/invalid/unknown-key.yaml", "tests/data/invalid/bad-contact.yaml"
    )
    assert result.stdout.splitlines()[:4] == [
        "tests/data/invalid/unknown-key.yaml:4:1: purpose: required key is missing; add 'purpose: …' after the line "
        "with 'municipalities:'",
        "tests/data/invalid/unknown-key.yaml:5:1: purpse: unknown key; did you mean purpose?",
        "tests/data/invalid/bad-contact.yaml:11:5: contacts[0].phone: '43 57 77 2' is not a Danish phone number; "
        "write 8 digits, spaces allowed, e.g. 43 57 77 26",
        "tests/data/invalid/bad-contact.yaml:12:5: contacts[0].email: 'sundhed.ishoj.dk' is not a plain e-mail "
        "address; write e.g. sundhed@ishoj.dk",
    ]
    assert result.stderr == "6 problem(s) in 2 file(s); 2 offer file(s) read\n"


def test_validate_whole_invalid_folder_never_tracebacks():
    result = catalogue("validate", "tests/data/invalid")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) >= 30


def test_validate_json_and_github_formats():
    result = catalogue("validate", "--format", "json", "tests/data/invalid/date-not-iso.yaml")
    assert json.loads(result.stdout) == [
        {
            "path": "tests/data/invalid/date-not-iso.yaml",
            "line": 8,
            "column": 1,
            "field": "last_updated",
            "message": "'19-12-2012' skal skrives som år-måned-dag: 2012-12-19",
            "severity": "error",
            "label": "senest opdateret (last_updated)",
        }
    ]
    result = catalogue("validate", "--format", "github", "tests/data/invalid/date-not-iso.yaml")
    assert result.stdout == (
        "::error file=tests/data/invalid/date-not-iso.yaml,line=8,col=1,title=senest opdateret (last_updated)::"
        "'19-12-2012' skal skrives som år-måned-dag: 2012-12-19\n"
    )


def test_usage_errors_exit_2():
    assert catalogue("validate", "no/such/file.yaml").returncode == 2
    assert catalogue("frobnicate").returncode == 2
    assert catalogue("stale", "--today", "19-12-2012").returncode == 2
    assert catalogue("stale", "--max-age-months", "zero").returncode == 2


def test_default_path_is_the_catalogue_folder(tmp_path):
    result = catalogue("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "catalogue: no such file or folder" in result.stderr


def test_stale_text_oldest_first(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    source = (ROOT / "tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
    (folder / "gammel.yaml").write_text(source.replace("2012-12-19", "2012-10-11"), encoding="utf-8")
    (folder / "ny.yaml").write_text(source.replace("2012-12-19", "2026-06-01"), encoding="utf-8")
    (folder / "mellem.yaml").write_text(
        source.replace("2012-12-19", "2013-01-17") + "owner: Jobcenter Vallensbæk\n", encoding="utf-8"
    )
    result = catalogue("stale", "--today", "2026-11-24", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "2 of 3 offer(s) not verified for more than 12 months (today 2026-11-24), oldest first:\n"
        "  2012-10-11  14 years and 1 month    gammel  Rygestop  (owner: none named)\n"
        "  2013-01-17  13 years and 10 months  mellem  Rygestop  (owner: Jobcenter Vallensbæk)\n"
    )
    result = catalogue("stale", "--today", "2026-11-24", "--max-age-months", "200", "--format", "json", cwd=tmp_path)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    result = catalogue("stale", "--today", "2013-12-01", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout) == [
        {"id": "gammel", "title": "Rygestop", "last_updated": "2012-10-11", "age_months": 13, "owner": None}
    ]


def test_stale_refuses_invalid_catalogue():
    result = catalogue("stale", "tests/data/invalid/date-not-iso.yaml")
    assert result.returncode == 4
    assert "skal skrives som år-måned-dag" in result.stderr


def test_schema_check_and_write(tmp_path):
    """Every committed schema is what the models make; a stale one is named, and `schema` rewrites it."""
    assert catalogue("schema", "--check").returncode == 0
    result = catalogue("schema", "--check", "--output", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / name} is out of date; run 'catalogue schema'" for name in SCHEMAS
    ]
    assert catalogue("schema", "--output", str(tmp_path)).returncode == 0
    for name in SCHEMAS:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "schemas" / name).read_text(encoding="utf-8")


def test_console_script_is_installed():
    script = shutil.which("catalogue", path=str(Path(sys.executable).parent))
    assert script, "the 'catalogue' console script is not installed"
    result = subprocess.run([script, "validate", "tests/data/valid"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0


@pytest.mark.live
def test_pages_writes_the_generated_markdown(tmp_path):
    output = tmp_path / "tilbud"
    result = catalogue("pages", "--output", str(output), "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    offers = {p.stem for p in (ROOT / "catalogue").glob("*.yaml")}
    assert offers | {"index", "sundhed", "socialt", "beskaeftigelse", "foraeldede", "kortliste"} == {
        p.stem for p in output.glob("*.md")
    }
    assert catalogue("pages", "--output", str(output), "--today", "2026-11-24").stderr.startswith("0 page(s)")


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path):
    """`catalogue stale | head -1` closes the pipe early; that is no internal error."""
    source = (ROOT / "tests/data/valid/full.yaml").read_text(encoding="utf-8")
    for number in range(3000):  # far more output than a pipe buffers
        (tmp_path / f"tilbud-{number}.yaml").write_text(source, encoding="utf-8")
    result = subprocess.run(  # noqa: S602 — the shell makes the pipe this test is about
        f"{sys.executable} -m generator stale --today 2026-11-24 {tmp_path} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    assert result.stdout.startswith("3000 of 3000 offer(s)") and result.stderr == ""


def test_stale_exit_code_survives_a_closed_pipe(tmp_path):
    """The code says "stale offers found" (1) however early the reader of the pipe goes away."""
    source = (ROOT / "tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
    for number in range(2000):
        (tmp_path / f"tilbud-{number}.yaml").write_text(source, encoding="utf-8")
    command = f"{sys.executable} -m generator stale --today 2026-11-24 {tmp_path} | head -c 10 >/dev/null"
    for _ in range(3):
        result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, cwd=ROOT)
        assert (result.returncode, result.stderr) == (1, b"")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CATALOGUE_TODAY", "garbage", "catalogue: CATALOGUE_TODAY='garbage' is not a date; write YYYY-MM-DD"),
        ("SOURCE_DATE_EPOCH", "abc", "catalogue: SOURCE_DATE_EPOCH='abc' is not a time; write whole seconds"),
        ("SOURCE_DATE_EPOCH", "9" * 30, "catalogue: SOURCE_DATE_EPOCH='999"),
    ],
)
@pytest.mark.parametrize("command", [["validate", "tests/data/valid"], ["stale", "tests/data/valid"], ["pages"]])
def test_a_bad_setting_is_one_clear_line_and_exit_2(monkeypatch, variable, value, message, command):
    monkeypatch.setenv(variable, value)
    result = catalogue(*command, "--output", "/nonexistent") if command == ["pages"] else catalogue(*command)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_unwritable_output_is_a_usage_error():
    result = catalogue("pages", "--output", "/proc/foo", "--today", "2026-11-24")
    assert result.returncode == 2
    assert result.stderr.startswith("catalogue: cannot write pages to /proc/foo:")


def test_a_folder_without_offers_is_a_problem():
    result = catalogue("validate", "docs/evaluering")
    assert result.returncode == 1
    assert "docs/evaluering/index.md:1:1: filen: er ikke en tilbudsfil (NAVN.yaml)" in result.stdout
    assert "docs/evaluering:1:1: filen: indeholder ingen tilbudsfiler (NAVN.yaml)\n" in result.stdout


def test_github_annotations_cannot_be_rewritten_by_a_key():
    result = catalogue("validate", "--format", "github", "tests/data/invalid/control-in-key.yaml")
    line = result.stdout.splitlines()[0]
    assert line.startswith(
        "::error file=tests/data/invalid/control-in-key.yaml,line=10,col=5,title=contacts[0].x\\x1b[31m%2Cfile"
    )
    assert line.count("::") == 2 and "\x1b" not in line


def test_text_output_shows_control_characters_as_escapes():
    result = catalogue("validate", "tests/data/invalid/control-in-key.yaml")
    assert "\x1b" not in result.stdout
    assert "x\\x1b[31m,file=README.md,line=1::injected: ukendt feltnavn" in result.stdout


def test_help_documents_every_exit_code():
    result = catalogue("validate", "--help")
    for code, meaning in EXIT_CODES.items():
        assert f"  {code}  {meaning}" in result.stdout


def test_pages_renders_again_only_the_pages_whose_stamp_changed(tmp_path):
    """`catalogue pages` reuses the offer pages it wrote before; a page made by other code is made again."""
    output = tmp_path / "tilbud"
    assert catalogue("pages", "--output", str(output), "--today", "2026-11-24").returncode == 0
    pages = {path: path.read_text(encoding="utf-8") for path in output.glob("*.md")}
    offer = next(path for path, text in pages.items() if "\ncatalogue_stamp: " in text)
    offer.write_text(re.sub(r"(catalogue_stamp: )\w+", r"\g<1>0000", pages[offer]), encoding="utf-8")
    result = catalogue("pages", "--output", str(output), "--today", "2026-11-24")
    assert result.stderr.startswith("1 page(s) written"), result.stderr
    assert {path: path.read_text(encoding="utf-8") for path in output.glob("*.md")} == pages


def test_output_stays_small_whatever_the_number_of_problems(tmp_path):
    """One file with 11,000 unknown keys once printed 3 MB; a job summary over 1 MiB is refused by GitHub."""
    source = (ROOT / "tests/data/valid/minimal.yaml").read_text(encoding="utf-8")
    for number, keys in enumerate([1_400] + [60] * 20):
        text = source + "".join(f"k{key}-{'x' * 60}: v\n" for key in range(keys))
        (tmp_path / f"fil-{number}.yaml").write_text(text, encoding="utf-8")
    one = catalogue("validate", str(tmp_path / "fil-0.yaml"))
    assert one.returncode == 1 and len(one.stdout.encode()) < 100_000
    assert one.stderr == "1.400 fejl i 1 fil(er); 1 tilbudsfil(er) læst\n"
    for output in ("text", "github", "markdown"):
        result = catalogue("validate", "--format", output, str(tmp_path))
        assert result.returncode == 1
        assert len(result.stdout.encode()) < 1_000_000, output
        assert "2.600 fejl i alt" in result.stdout, output
