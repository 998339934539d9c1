"""`mkdocs build` and `mkdocs serve` with the catalogue hook, run as a maintainer runs them."""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from generator.search import NARRATIVE_WEIGHT
from tests.conftest import DATA
from tests.inert import assert_inactive, elements
from tests.site import MKDOCS, build, fetch, make_project, mkdocs_serve

# The site's own pages under tilbud/, beside one folder per offer.
LIST_PAGES = {"index.html", "sundhed", "socialt", "beskaeftigelse", "foraeldede", "kortliste"}


@pytest.mark.live
def test_the_live_catalogue_builds_strictly_with_one_page_per_offer(tmp_path):
    """The one build of the live catalogue: only what every correct edit keeps (`make test-edits`)."""
    project = make_project(tmp_path)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    offers = {p.stem for p in (project / "catalogue").glob("*.yaml")}
    assert offers and {p.name for p in (project / "site/tilbud").iterdir()} - LIST_PAGES == offers
    for offer in offers:
        page = (project / f"site/tilbud/{offer}/index.html").read_text(encoding="utf-8")
        assert f"/edit/main/catalogue/{offer}.yaml" in page, offer


def test_build_generates_every_offer_page(tmp_path):
    project = make_project(tmp_path, frozen=True)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    offers = sorted(p.stem for p in (project / "catalogue").glob("*.yaml"))
    for offer in offers:
        assert (project / f"site/tilbud/{offer}/index.html").is_file()
    # Headings keep their own ids: no generated container takes them (as the Kortliste's list once did).
    assert '<h1 id="alle-tilbud">' in (project / "site/tilbud/index.html").read_text(encoding="utf-8")
    assert '<h1 id="kortliste">' in (project / "site/tilbud/kortliste/index.html").read_text(encoding="utf-8")
    page = (project / f"site/tilbud/{offers[0]}/index.html").read_text(encoding="utf-8")
    assert f'href="https://github.com/ishoj-vallensbaek/tilbudskatalog/edit/main/catalogue/{offers[0]}.yaml"' in page
    assert "404 - Not found" in (project / "site/404.html").read_text(encoding="utf-8")
    # The lists link to the offer pages as MkDocs links pages: relative to the list's own address.
    overview = (project / "site/tilbud/index.html").read_text(encoding="utf-8")
    assert f'<a href="{offers[0]}/">' in overview and not re.search(r'href="[^":]*\.md[#"]', overview)
    categories = [p.read_text(encoding="utf-8") for p in (project / "site/tilbud").glob("*/index.html")]
    assert any("Tilbud inden for" in page and '<a href="../' in page for page in categories)
    # Search reads offers at full weight and narrative pages at NARRATIVE_WEIGHT.
    assert "<div data-pagefind-body>" in page
    narrative = (project / "site/evaluering/index.html").read_text(encoding="utf-8")
    assert f'<div data-pagefind-body data-pagefind-weight="{NARRATIVE_WEIGHT}">' in narrative


def test_generated_pages_are_not_in_navigation(tmp_path):
    """Listing every offer in the nav makes every page carry the whole list (quadratic build)."""
    project = make_project(tmp_path, frozen=True)
    assert build(project).returncode == 0
    home = (project / "site/index.html").read_text(encoding="utf-8")
    some_offer = next((project / "catalogue").glob("*.yaml")).stem
    assert f"tilbud/{some_offer}/" not in home


def test_invalid_offer_stops_build_with_validate_messages_and_publishes_nothing(tmp_path):
    project = make_project(tmp_path, frozen=True)
    assert build(project).returncode == 0
    marker = project / "site/index.html"
    before = marker.read_text(encoding="utf-8")
    for name in ("date-not-iso.yaml", "unknown-key.yaml"):
        (project / "catalogue" / name).write_bytes((DATA / "invalid" / name).read_bytes())
    result = build(project)
    assert result.returncode == 1
    expected = subprocess.run(
        [*MKDOCS[:1], "-m", "generator", "validate"], cwd=project, capture_output=True, text=True
    ).stdout.splitlines()
    assert len(expected) == 3
    for line in expected:
        assert line in result.stderr
    assert "3 fejl i kataloget; intet er bygget" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert marker.read_text(encoding="utf-8") == before


def test_build_writes_nothing_into_docs_and_replaces_pages_left_there(tmp_path):
    """`catalogue pages` output on disk (for builders without hooks) must not shadow the fresh pages."""
    project = make_project(tmp_path, frozen=True)
    assert build(project, "--strict").returncode == 0
    assert not (project / "docs/tilbud").exists()
    pages = project / "docs/tilbud"
    pages.mkdir()
    (pages / "rygestop-ishoej.md").write_text("---\ntitle: Gammel\n---\n\n# Gammel side\n", encoding="utf-8")
    assert build(project, "--strict").returncode == 0
    page = (project / "site/tilbud/rygestop-ishoej/index.html").read_text(encoding="utf-8")
    assert "Gammel side" not in page and "Rygestop – Ishøj" in page
    goals = (project / "site/maal/index.html").read_text(encoding="utf-8")
    assert "--8&lt;--" not in goals and "../tilbud/" in goals


def test_stale_offers_never_fail_the_build(tmp_path):
    project = make_project(tmp_path, frozen=True)
    assert build(project, "--strict", today="2099-01-01").returncode == 0


def fixture_catalogue(project):
    """Swap the frozen catalogue for the test offers, whose dates this module may rely on."""
    for offer in (project / "catalogue").iterdir():
        offer.unlink()
    for offer in (DATA / "valid").glob("*.yaml"):
        (project / "catalogue" / offer.name).write_bytes(offer.read_bytes())
    return project


def test_build_date_decides_staleness(tmp_path):
    project = fixture_catalogue(make_project(tmp_path, frozen=True))
    assert build(project, today="2013-02-01").returncode == 0
    stale = (project / "site/tilbud/foraeldede/index.html").read_text(encoding="utf-8")
    assert "Ingen tilbud er forældede." in stale
    assert build(project, today="2026-11-24").returncode == 0
    stale = (project / "site/tilbud/foraeldede/index.html").read_text(encoding="utf-8")
    assert "Ingen tilbud er forældede." not in stale


@pytest.mark.parametrize(
    ("variable", "value"),
    [("CATALOGUE_TODAY", "garbage"), ("SOURCE_DATE_EPOCH", "abc"), ("SOURCE_DATE_EPOCH", "9" * 30)],
)
def test_a_bad_setting_stops_the_build_with_one_clear_line(tmp_path, variable, value):
    project = fixture_catalogue(make_project(tmp_path, frozen=True))
    env = {key: val for key, val in os.environ.items() if key not in {"CATALOGUE_TODAY", "SOURCE_DATE_EPOCH"}}
    result = subprocess.run(
        [*MKDOCS, "build"], cwd=project, env={**env, variable: value, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True
    )
    output = (result.stdout + result.stderr).decode()
    assert result.returncode == 1
    assert f"catalogue: {variable}={value!r} is not" in output
    assert "Traceback" not in output


def test_hostile_offer_is_built_without_active_content(tmp_path):
    project = fixture_catalogue(make_project(tmp_path, frozen=True))
    hostile = DATA / "hostile/fjendtligt-tilbud.yaml"
    (project / "catalogue" / hostile.name).write_bytes(hostile.read_bytes())
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    page = (project / "site/tilbud/fjendtligt-tilbud/index.html").read_text(encoding="utf-8")
    article = page[page.index("<h1") : page.index("</article>")]  # after Material's own edit button
    assert_inactive(article, owner_text=False)
    assert "window.pwned" not in "".join(str(attributes) for _, attributes in elements(article))


def test_serve_rebuilds_once_when_an_offer_changes(tmp_path):
    project = make_project(tmp_path, frozen=True)
    offer = project / "catalogue/rygestop-ishoej.yaml"  # with a warning: a number that no contact has
    offer.write_text(offer.read_text(encoding="utf-8").replace("\npurpose: ", "\npurpose: Ring 87 65 43 21. ", 1))
    log: list[str] = []
    with mkdocs_serve(project, today="2026-11-24", log=log) as url:
        page_url, index_url = f"{url}/tilbud/rygestop-ishoej/", f"{url}/pagefind/pagefind-entry.json"
        assert "Rygestop – Ishøj" in (fetch(page_url) or "")
        index_before = fetch(index_url)
        assert index_before
        offer.write_text(
            offer.read_text(encoding="utf-8").replace("title: Rygestop – Ishøj", "title: Rygestop – Ishøj Ny"),
            encoding="utf-8",
        )
        deadline = time.monotonic() + 60
        while "Rygestop – Ishøj Ny" not in (fetch(page_url) or "") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Rygestop – Ishøj Ny" in (fetch(page_url) or "")
        time.sleep(3)  # the hook writes nothing into the watched docs/, so one save is one rebuild
        assert fetch(index_url) not in (None, index_before)  # the search index caught up in the background
    assert len(re.findall(r"Building documentation", log[0])) == 2
    assert log[0].count("87 65 43 21") == 1  # a warning is logged once, not again on every save


def test_serve_rebuilds_when_the_register_of_owners_changes(tmp_path):
    project = make_project(tmp_path, frozen=True)
    offer = next(p for p in sorted((project / "catalogue").glob("*.yaml")) if "\nowner: " in p.read_text("utf-8"))
    owner = re.search(r"^owner: (\S+)$", offer.read_text(encoding="utf-8"), re.M)[1]
    register = project / "owners.yaml"
    with mkdocs_serve(project) as url:
        page_url = f"{url}/tilbud/{offer.stem}/"
        assert "Ny afdeling" not in (fetch(page_url) or "")
        text = register.read_text(encoding="utf-8")
        register.write_text(re.sub(rf"(?m)^({owner}:\n  name: ).*$", r"\1Ny afdeling", text), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Ny afdeling" not in (fetch(page_url) or "") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Ny afdeling" in (fetch(page_url) or "")


def test_serve_shows_the_problems_on_every_page_instead_of_hanging(tmp_path):
    """Started with a broken offer (nothing generated yet), every page lists the problems, quoted text escaped;
    so does the not-found page, as the offers' pages do not exist yet."""
    project = fixture_catalogue(make_project(tmp_path, frozen=True))
    broken = project / "catalogue/broken.yaml"
    broken.write_text((DATA / "valid/minimal.yaml").read_text(encoding="utf-8") + '"<img src=x>": x\n', "utf-8")
    with mkdocs_serve(project) as url:
        pages = [fetch(url + path) for path in ("/", "/maal/", "/evaluering/", "/tilbud/broken/")]
    for page in pages:
        assert page and "Kataloget har fejl – siden er ikke bygget igen" in page
        assert "catalogue/broken.yaml:9:1: &lt;img src=x&gt;: ukendt feltnavn" in page
        assert "<img src=x>" not in page
        assert "catalogue-stale-banner" not in page  # its offers are all stale, but the problems come first


def material_ids() -> set[str]:
    """Every fixed element id in Material's templates: all begin with "__" (__config, __search, …)."""
    import material

    templates = Path(material.__file__).parent / "templates"
    return {
        found
        for page in templates.rglob("*.html")
        for found in re.findall(r'\bid="(__[a-z_]+)"', page.read_text(encoding="utf-8"))
    }


def test_no_title_takes_an_element_id_of_the_theme(tmp_path):
    ids = material_ids()
    assert {"__config", "__search", "__drawer"} <= ids
    source = (DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    offers = tmp_path / "offers"
    offers.mkdir()
    for number, theme_id in enumerate(sorted(ids)):
        (offers / f"tema-{number}.yaml").write_text(re.sub(r"(?m)^title: .*$", f"title: {theme_id}", source), "utf-8")
    project = make_project(tmp_path, extra_offers=sorted(offers.iterdir()), frozen=True)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    for number, theme_id in enumerate(sorted(ids)):
        page = (project / f"site/tilbud/tema-{number}/index.html").read_text(encoding="utf-8")
        article = page[page.index("<article") : page.index("</article>")]
        assert theme_id in article  # the title is there, as text
        assert not re.search(r'\b(?:id|for)="__', article), theme_id
        assert page.count(f'id="{theme_id}"') <= 1, theme_id  # Material's own, where it has one


def test_a_generated_page_whose_front_matter_does_not_read_back_stops_the_build():
    from types import SimpleNamespace

    from mkdocs.exceptions import Abort

    from generator import mkdocs_hook

    file = mkdocs_hook._GeneratedPage.__new__(mkdocs_hook._GeneratedPage)
    file.src_uri = "tilbud/x.md"
    page = SimpleNamespace(file=file)
    with pytest.raises(Abort, match="front matter of tilbud/x.md"):
        mkdocs_hook.on_page_markdown("---\ntitle: x\u2028--- \n---\n# x\n", page, None, None)


def test_generated_pages_convert_as_mkdocs_converts_a_page_one_after_another(tmp_path, monkeypatch):
    """The generated pages share one Markdown (mkdocs_hook._CataloguePage): each page, converted after the others,
    has the content, table of contents, title and anchors MkDocs' own Page.render gives it on a fresh one."""
    import datetime as dt

    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from generator import mkdocs_hook
    from generator.load import load_catalogue
    from generator.pages import render_catalogue

    project = make_project(tmp_path, frozen=True)
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins._current_plugin = None  # as between two plugins' events: File.generated reads it
    offers = load_catalogue([project / "catalogue"]).offers
    pages = render_catalogue(offers, dt.date(2026, 11, 24))
    theirs, ours = [], []
    for name, text in pages.items():
        if not name.startswith("maal/"):
            for made, kind in ((theirs, Page), (ours, mkdocs_hook._CataloguePage)):
                file = File.generated(config, f"tilbud/{name}", content=text)
                made.append(kind(None, file, config))
    files = Files([page.file for page in theirs])
    monkeypatch.setattr(mkdocs_hook._state, "markdown", None)
    for page in [*theirs, *ours]:
        page.read_source(config)
        page.render(config, files)
    assert len(ours) > 40
    for their, our in zip(theirs, ours, strict=True):
        assert our.content == their.content and our._title_from_render == their._title_from_render, our.file.src_uri
        assert [item.id for item in our.toc] == [item.id for item in their.toc]
        assert our.present_anchor_ids == their.present_anchor_ids


def test_serve_compiles_the_theme_once_and_an_edited_template_again(tmp_path):
    """Each `mkdocs serve` rebuild makes a new theme environment: the compiled templates (_CompiledTemplates) are
    kept, but an edited template is compiled again, so an override's change shows on the next save."""
    import jinja2

    from generator import mkdocs_hook

    compiled_templates = mkdocs_hook._CompiledTemplates()
    template = tmp_path / "main.html"

    def render() -> tuple[str, int]:
        loader = jinja2.FileSystemLoader(tmp_path)
        env = jinja2.Environment(loader=loader, bytecode_cache=compiled_templates, autoescape=True)
        compiled, compile = [], env.compile
        env.compile = lambda *args, **kwargs: compiled.append(args[0]) or compile(*args, **kwargs)  # type: ignore[method-assign]
        return env.get_template("main.html").render(), len(compiled)

    template.write_text("A {{ 1 + 1 }}", encoding="utf-8")
    assert render() == ("A 2", 1)
    assert render() == ("A 2", 0)  # a new environment, as the next rebuild makes: nothing compiled
    template.write_text("B {{ 1 + 1 }}", encoding="utf-8")
    assert render() == ("B 2", 1)
