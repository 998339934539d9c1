"""The package as a server or a runner installs it: a wheel in a fresh environment, not the editable checkout.

An editable install reads templates from the working tree, so a wheel without them passed every other test
while every `catalogue` command failed on the runner that installed it with `pip install .`.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.site import TODAY, make_project


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of what it is made of (pip builds in the source folder otherwise)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", dist, source])
    return next(dist.glob("*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies: what `pip install .` leaves."""
    folder = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", folder])
    run([folder / "bin/python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel])
    return folder


@pytest.fixture
def project(tmp_path, venv) -> Path:
    """The frozen catalogue's project without the package's source: its hook is the installed one."""
    project = make_project(tmp_path, frozen=True)
    (project / "generator").unlink()
    hook = run([venv / "bin/python", "-c", "import generator.mkdocs_hook as m; print(m.__file__)"], cwd=project)
    assert hook.stdout.startswith(str(venv)), hook.stdout  # not the checkout's
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("generator/mkdocs_hook.py", hook.stdout.strip()), encoding="utf-8"
    )
    return project


def run(command: list, cwd: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "CATALOGUE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def test_the_wheel_holds_every_template(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name.removeprefix("generator/templates/") for name in names if name.startswith("generator/templates/")}
    assert shipped == {path.name for path in (ROOT / "generator/templates").glob("*.jinja")}


def test_every_command_runs_from_the_installed_package(project, venv):
    catalogue = venv / "bin/catalogue"
    offers = sorted(path.stem for path in (project / "catalogue").glob("*.yaml"))
    assert run([catalogue, "validate"], cwd=project).stderr == f"{len(offers)} fil(er) uden fejl\n"
    stale = run([catalogue, "stale", "--format", "json"], cwd=project, check=False)
    assert stale.returncode in (0, 1) and all(row["id"] in offers for row in json.loads(stale.stdout))
    run([catalogue, "pages", "--output", "pages"], cwd=project)
    assert {f"{offer}.md" for offer in offers} <= {path.name for path in (project / "pages").iterdir()}
    for output in ("json", "csv", "hsds"):
        run([catalogue, "export", "--format", output, "--output", "data"], cwd=project)
    assert (project / "data/tilbud.json").is_file() and (project / "data/tilbud.csv").is_file()
    (project / "issues.json").write_text("[]", encoding="utf-8")
    remind = run([catalogue, "remind", "--dry-run", "--issues", "issues.json", "--repo-url", "https://x"], cwd=project)
    assert remind.stdout
    run([catalogue, "new", "kostvejledning", "--category", "sundhed"], cwd=project)
    assert (project / "catalogue/kostvejledning.yaml").is_file()
    run([catalogue, "schema", "--output", "schemas"], cwd=project)
    for schema in (project / "schemas").iterdir():
        assert schema.read_text(encoding="utf-8") == (ROOT / "schemas" / schema.name).read_text(encoding="utf-8")


def test_the_site_builds_and_is_indexed_from_the_installed_package(project, venv):
    run([venv / "bin/python", "-m", "generator.build", "--strict"], cwd=project)  # MkDocs with the hook, then Pagefind
    offer = next((project / "catalogue").glob("*.yaml")).stem
    page = (project / f"site/tilbud/{offer}/index.html").read_text(encoding="utf-8")
    assert 'id="tilbud"' in page and "data-pagefind-body" in page
    assert (project / "site/pagefind/pagefind.js").is_file()
