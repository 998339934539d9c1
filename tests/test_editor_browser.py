"""The web editor at /admin/ in Chromium, as a content owner uses it, against decap-server on a Git clone.

The site is built with an editor configured (GitHub, as a municipality would) and decap-server (MODE=git, the
local Git backend with the editorial workflow) is found on loopback as Decap looks for it. Every save lands on
a `cms/tilbud/ID` branch of the clone, which the tests read with git and check with `catalogue validate`.
Nothing may be fetched from anywhere but the two local servers.

UPDATE_SCREENSHOTS=1 writes the help page's screenshots to docs/hjaelp/img/.
"""

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from generator.model import slugify
from tests.conftest import ROOT
from tests.site import FROZEN, build, free_port, make_project, serve, wait_for
from tests.test_site_browser import browser  # noqa: F401 (the fixture of that module)

SCREENSHOTS = ROOT / "docs/hjaelp/img"
DECAP_SERVER = ROOT / "node_modules/.bin/decap-server"
CATALOGUE = [str(Path(sys.executable).parent / "catalogue"), "validate"]  # .venv/bin/catalogue
VIEWPORT = {"width": 1100, "height": 760}
PHONE_OFFER = "akutbolig-kloeverengen"  # its one contact's one phone is written as plain text: "43577800"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A repository holding the catalogue, as a municipality's has, with `main` as its branch."""
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(FROZEN / "catalogue", repo / "catalogue")
    shutil.copy(FROZEN / "owners.yaml", repo / "owners.yaml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Tilbudskatalog test")
    git(repo, "config", "user.email", "test@example.dk")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The catalogue")
    return repo


@pytest.fixture(scope="module")
def decap_server(repo):
    """decap-server in Git mode on a free loopback port; yields its API address."""
    if not DECAP_SERVER.exists() or shutil.which("node") is None:
        pytest.fail("decap-server not installed: run 'make test' (it runs npm ci)")
    port = free_port()
    env = {
        **os.environ,
        "MODE": "git",
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "warn",
    }
    server = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_for(server, lambda: _answers(url), "decap-server", seconds=30)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _answers(url: str) -> bool:
    body, headers = b'{"action": "info"}', {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 — loopback
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 — our own server on loopback
            return b"editorial_workflow" in response.read()
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, decap_server):
    """The site built with an editor configured as a municipality would (GitHub and its OAuth service), and the
    local Git server's address, where Decap looks for it first."""
    project = make_project(tmp_path_factory.mktemp("site"), frozen=True)
    mkdocs = project / "mkdocs.yml"
    editor = (
        "  editor:\n    backend: github\n    repo: ishoj-vallensbaek/tilbudskatalog\n"
        f"    base_url: https://oauth.example.dk\n    local_backend: {decap_server}\n"
    )
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("\nextra:\n", f"\nextra:\n{editor}", 1))
    result = build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture
def editor(browser, site_url, decap_server):  # noqa: F811
    """A content owner's browser at /admin/, logged in to the local backend. Every request it makes is kept,
    and each must go to one of the two local servers."""
    context = browser.new_context(locale="da-DK", viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(20_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "/admin/")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("link", name="Tilbud", exact=True).first).to_be_visible()
    yield page
    context.close()
    allowed = {urlsplit(site_url).netloc, urlsplit(decap_server).netloc}
    elsewhere = sorted({url for url in requests if urlsplit(url).netloc not in allowed and not url.startswith("data:")})
    assert not elsewhere, f"the editor fetched from third parties: {elsewhere}"


def field(page: Page, name: str, tag: str = "input"):
    """A form control by its model field's name (Decap's ids are NAME-field-N)."""
    return page.locator(f"{tag}[id^='{name}-field-']")


def type_into(control, text: str) -> None:
    control.click()
    control.press("Control+a")
    control.type(text, delay=15)


def choose(page: Page, name: str, text: str) -> None:
    """Pick an option of a select the way a person does: type the start of it, then Enter."""
    control = field(page, name)
    control.click()
    control.type(text, delay=15)
    control.press("Enter")


def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    page.screenshot(path=path)
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / name)


def validate(repo: Path, branch: str, offer_id: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """`catalogue validate` of the offer as the branch has it, in a project with the register of owners, so the
    owner is checked too."""
    project = tmp_path / "check"
    (project / "catalogue").mkdir(parents=True)
    shutil.copy(FROZEN / "owners.yaml", project / "owners.yaml")
    (project / "mkdocs.yml").write_text("site_name: check\n")
    path = f"catalogue/{offer_id}.yaml"
    (project / path).write_text(git(repo, "show", f"{branch}:{path}"), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CATALOGUE_TODAY"}
    return subprocess.run([*CATALOGUE, path], cwd=project, env=env, capture_output=True, text=True)


def test_an_owner_changes_a_phone_and_proposes_a_one_line_change(editor, repo, tmp_path):
    page = editor
    title = yaml.safe_load((FROZEN / f"catalogue/{PHONE_OFFER}.yaml").read_text(encoding="utf-8"))["title"]
    expect(page.get_by_text(title, exact=True)).to_be_visible()
    screenshot(page, "editor-liste.png", tmp_path)

    page.get_by_text(title, exact=True).click()
    phone = field(page, "phone").first
    expect(phone).to_have_value("43577800")  # written as plain text in the file, one number in the list here
    expect(field(page, "title")).to_have_value(title)
    screenshot(page, "editor-tilbud.png", tmp_path)

    type_into(phone, "43 57 78 00")
    page.get_by_role("button", name="Gem", exact=True).click()
    saved = page.get_by_text("Dokumentet er gemt")
    expect(saved).to_be_visible()
    saved.click()  # a click closes the notice
    expect(saved).to_be_hidden()

    branch = f"cms/tilbud/{PHONE_OFFER}"
    assert branch in git(repo, "branch", "--list", "cms/*")
    diff = git(repo, "diff", "--unified=0", "main", branch)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in {"+++", "---"}]
    assert changed == ['-    phone: "43577800"', '+    phone: "43 57 78 00"'], diff
    result = validate(repo, branch, PHONE_OFFER, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

    page.get_by_text("Skriver til Tilbud samlingen").click()  # back from the form
    page.get_by_role("link", name="Arbejdsgang").click()
    card = page.get_by_text(title, exact=True)
    expect(card).to_be_visible()
    expect(page.get_by_text("Kladder", exact=True).first).to_be_visible()
    screenshot(page, "editor-arbejdsgang.png", tmp_path)


def test_a_new_offer_without_a_required_field_is_refused_in_danish(editor, repo):
    page = editor
    branches = git(repo, "branch", "--list")
    page.get_by_role("link", name="Opret dokument af typen tilbud").click()
    type_into(field(page, "title"), "Halvfærdigt tilbud")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Ups, du mangler et påkrævet felt.", exact=False)).to_be_visible()
    error = page.locator("li", has_text="Kategori er påkrævet.")
    expect(error).to_have_count(1)
    assert error.text_content() == "Kategori er påkrævet."
    expect(page.locator("li", has_text="Kontakt og visitation er påkrævet.")).to_have_count(1)
    assert git(repo, "branch", "--list") == branches  # nothing was saved


def test_a_new_offer_is_a_valid_file_named_by_the_title(editor, repo, tmp_path):
    page = editor
    title = "Gåtur for ældre – Vallensbæk"
    offer_id = slugify(title)
    assert offer_id == "gaatur-for-aeldre-vallensbaek"
    page.get_by_role("link", name="Opret dokument af typen tilbud").click()
    type_into(field(page, "title"), title)
    choose(page, "category", "Sundh")
    choose(page, "municipalities", "Vallen")
    for name, text in [
        ("purpose", "At komme ud og gå sammen med andre."),
        ("target_group", "Ældre i Vallensbæk, der vil i gang med at bevæge sig."),
        ("visitation", "Mød op ved biblioteket tirsdag kl. 10: ingen tilmelding."),
    ]:
        type_into(field(page, name, "textarea"), text)
    page.get_by_role("button", name="Tilføj kontaktperson").click()
    type_into(field(page, "name").last, "Sundhedsafdelingen")
    page.get_by_role("button", name="Tilføj telefonnummer").click()
    type_into(field(page, "phone").last, "4397 4125")
    choose(page, "owner", "Sundhedsafdelingen")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Dokumentet er gemt")).to_be_visible()

    branch = f"cms/tilbud/{offer_id}"
    assert branch in git(repo, "branch", "--list", "cms/*")
    assert git(repo, "diff", "--name-status", "main", branch).split() == ["A", f"catalogue/{offer_id}.yaml"]
    text = git(repo, "show", f"{branch}:catalogue/{offer_id}.yaml")
    assert text.startswith("# yaml-language-server: $schema=../schemas/offer.schema.json\ntitle: Gåtur for ældre")
    assert "visitation: 'Mød op ved biblioteket tirsdag kl. 10: ingen tilmelding.'" in text or (
        'visitation: "Mød op ved biblioteket tirsdag kl. 10: ingen tilmelding."' in text
    )
    result = validate(repo, branch, offer_id, tmp_path)
    assert result.returncode == 0, text + result.stdout + result.stderr
