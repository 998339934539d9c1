import codecs
import subprocess
from pathlib import Path

import pytest

from generator import indexing
from generator.indexing import (
    IndexSummary,
    SearchIndexError,
    index_site,
    pagefind_command,
    pagefind_environment,
    start_indexing,
)


def test_index_site_writes_a_danish_index_of_marked_pages_only(tmp_path):
    # Material puts a page's content in <article>, the root Pagefind reads (search.ROOT_SELECTOR).
    page = (
        '<html lang="da"><body><header>Menu</header>'
        "<article{body}><h1>{title}</h1><p>Hjælp til rygestop</p></article></body></html>"
    )
    (tmp_path / "tilbud").mkdir()
    (tmp_path / "tilbud/index.html").write_text(page.format(body=" data-pagefind-body", title="Tilbud"), "utf-8")
    (tmp_path / "oversigt.html").write_text(page.format(body="", title="Oversigt"), "utf-8")
    summary = index_site(tmp_path)
    assert summary.pages == 1
    assert summary.languages == ("da",)
    assert (tmp_path / "pagefind/pagefind.js").is_file()


def test_the_word_index_is_written_in_small_files(tmp_path, monkeypatch):
    # 4,000 words on one page: 8,000 of Pagefind's units (indexing.CHUNK_SIZE), one file at Pagefind's default.
    monkeypatch.delenv(indexing.CHUNK_SIZE[0], raising=False)
    words = " ".join(f"ord{number}" for number in range(4000))
    page = f'<html lang="da"><body><article data-pagefind-body><h1>Tilbud</h1><p>{words}</p></article></body></html>'
    (tmp_path / "index.html").write_text(page, "utf-8")
    index_site(tmp_path)
    assert len(list((tmp_path / "pagefind/index").glob("*.pf_index"))) >= 2


def test_pagefind_reads_only_the_article_and_skips_the_repeated_page_parts():
    command = pagefind_command(Path("site"))
    assert command[1:] == [
        "--site",
        "site",
        "--root-selector",
        "article",
        "--exclude-selectors",
        ".offer-stale-warning, .offer-shortlist, .offer-quick-contacts, .offer-updated, .headerlink, "
        ".md-content__button",
    ]
    assert Path(command[0]).name.startswith("pagefind")


PAGEFIND_OUTPUT = """
Running Pagefind v1.5.2
[Reading languages]
Discovered 2 languages: da, en

[Building search indexes]
Total:
  Indexed 2 languages
  Indexed 42 pages
  Indexed 3170 words
  Indexed 5 filters
  Indexed 0 sorts
"""


def test_index_site_runs_pagefind_on_the_site_with_the_exclusions_and_reads_its_summary(monkeypatch):
    calls = []

    def run(command, **options):
        calls.append((command, options))
        return subprocess.CompletedProcess(command, 0, stdout=PAGEFIND_OUTPUT, stderr="")

    monkeypatch.setattr(subprocess, "run", run)
    monkeypatch.delenv(indexing.CHUNK_SIZE[0], raising=False)
    summary = index_site(Path("site"), exclude=[".a", ".b"])
    assert summary == IndexSummary(pages=42, words=3170, filters=5, languages=("da", "en"))
    ((command, options),) = calls
    assert command[1:] == ["--site", "site", "--root-selector", "article", "--exclude-selectors", ".a, .b"]
    assert codecs.lookup(options["encoding"]).name == "utf-8"  # its output names paths: UTF-8 whatever the locale
    assert options["capture_output"] is True
    assert options["env"][indexing.CHUNK_SIZE[0]] == indexing.CHUNK_SIZE[1]


def test_index_summary_counts_what_pagefind_did_not_report_as_zero():
    output = "Running Pagefind v1.5.2\n  Indexed 1 page\n"
    assert indexing._summary(output) == IndexSummary(pages=1, words=0, filters=0, languages=())


def test_index_site_raises_pagefinds_own_words_when_it_fails(monkeypatch):
    def run(command, **options):
        return subprocess.CompletedProcess(command, 1, stdout="Running Pagefind\n", stderr="Error: no pages found\n")

    monkeypatch.setattr(subprocess, "run", run)
    with pytest.raises(SearchIndexError) as error:
        index_site(Path("site"))
    assert str(error.value) == "Running Pagefind\nError: no pages found"


def test_background_indexing_runs_the_same_command_silently(monkeypatch):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **options: started.append((command, options)))
    start_indexing(Path("site"), exclude=[".a"])
    ((command, options),) = started
    assert command[1:] == ["--site", "site", "--root-selector", "article", "--exclude-selectors", ".a"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}  # serve's terminal stays clean
    assert options == {**quiet, "env": pagefind_environment()}
    start_indexing(Path("site"))
    assert started[1][0] == pagefind_command(Path("site"))
