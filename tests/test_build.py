"""The site build: MkDocs, then Pagefind once MkDocs has exited (generator/build.py)."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build as site_build
from generator.build import INDEX_AFTER_BUILD
from generator.indexing import pagefind_command
from tests.conftest import DATA
from tests.site import TODAY, build, make_project

ENV = {**os.environ, "CATALOGUE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}


def steps(options: list[str]) -> tuple[list[str], list[str]]:
    """The MkDocs command and the Pagefind command of the build's shell script."""
    sh, flag, script = site_build.command(options)
    assert (sh, flag) == ("sh", "-c")
    mkdocs, pagefind = script.split(" && exec ")
    return shlex.split(mkdocs), shlex.split(pagefind)


def test_mkdocs_is_told_not_to_index_then_pagefind_indexes_the_site_it_built():
    mkdocs, pagefind = steps(["--strict"])
    assert mkdocs == [
        f"{INDEX_AFTER_BUILD}=1",
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        "site",
    ]
    assert pagefind == pagefind_command(Path("site"))


@pytest.mark.parametrize("options", [["-d", "out dir"], ["--site-dir", "out dir"], ["--site-dir=out dir"]])
def test_the_folder_mkdocs_is_told_to_build_into_is_the_one_indexed(options):
    mkdocs, pagefind = steps(options)
    assert mkdocs[5:] == options  # no second --site-dir
    assert pagefind == pagefind_command(Path("out dir"))


def run_build(project: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator.build", *options]
    return subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, encoding="utf-8")


def test_the_build_makes_a_searchable_site_indexing_after_mkdocs(tmp_path):
    project = make_project(tmp_path)
    result = run_build(project, "--strict", "--site-dir", "public")
    assert result.returncode == 0, result.stderr
    assert "Indexed 1 language" in result.stdout  # Pagefind's own report, after MkDocs exited
    assert (project / "public/pagefind/pagefind.js").is_file()
    assert any((project / "public/pagefind/fragment").iterdir())


def test_a_failed_build_is_not_indexed_and_exits_with_mkdocs_status(tmp_path):
    project = make_project(tmp_path, extra_offers=[DATA / "invalid/title-missing.yaml"])
    result = run_build(project, "--strict")
    assert result.returncode == 1
    assert "title-missing.yaml" in result.stderr  # MkDocs' log names the offer
    assert not (project / "site/pagefind").exists() and "Pagefind" not in result.stdout


def test_mkdocs_build_told_that_the_caller_indexes_writes_no_index(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    monkeypatch.setenv(INDEX_AFTER_BUILD, "1")
    assert build(project).returncode == 0
    assert (project / "site/index.html").is_file() and not (project / "site/pagefind").exists()
