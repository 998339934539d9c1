import datetime as dt
import os
import re
from pathlib import Path

import pytest

from generator.load import MAX_FILE_BYTES, load_catalogue, load_offer
from generator.messages import use
from generator.model import slugify
from generator.problems import MAX_PER_FILE, MAX_SHOWN, format_text
from tests.conftest import DATA, ROOT

INVALID = sorted(p for p in (ROOT / DATA / "invalid").iterdir() if p.suffix in {".yaml", ".yml"})
VALID = sorted((ROOT / DATA / "valid").glob("*.yaml"))


# ASCII ids: mutmut hands a test's id back escaped, and `Rygestop Ish\xf8j` is then found by no id.
@pytest.mark.parametrize("path", INVALID, ids=lambda p: slugify(p.stem))
def test_invalid_file_gives_expected_messages(path):
    relative = path.relative_to(ROOT)
    offer, problems = load_offer(relative)
    assert offer is None
    assert format_text(problems) == path.with_suffix(".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", VALID, ids=lambda p: slugify(p.stem))  # ASCII ids: mutmut passes them back escaped
def test_valid_file_loads(path):
    offer, problems = load_offer(path.relative_to(ROOT))
    assert problems == []
    assert offer.id == path.stem


def test_every_invalid_case_has_expectations():
    assert len(INVALID) >= 25
    for path in INVALID:
        assert path.with_suffix(".expected").read_text(encoding="utf-8").strip(), path


def test_full_offer_keeps_structure():
    offer, _ = load_offer(DATA / "valid/full.yaml")
    assert offer.contacts[0].phone == ["43 57 77 26", "43577727"]
    assert offer.contacts[1].phone == ["80313131"]  # an unquoted number is still a phone number
    assert offer.goals == [8, 9]
    assert offer.referral == "self_or_caseworker"
    assert str(offer.last_updated) == "2012-12-19"


def test_very_large_file_is_refused_unread(tmp_path):
    path = tmp_path / "large.yaml"
    path.write_text("# yaml-language-server: $schema=x\n" + "title: x\n" + "#" * MAX_FILE_BYTES)
    offer, problems = load_offer(path)
    assert offer is None
    assert [p.message for p in problems] == [
        f"fylder {path.stat().st_size:,} bytes; en tilbudsfil skal være under {MAX_FILE_BYTES:,} bytes".replace(
            ",", "."
        )
    ]


def test_catalogue_reports_problems_of_every_file_and_keeps_valid_offers():
    catalogue = load_catalogue([DATA / "valid", DATA / "invalid/date-not-iso.yaml", DATA / "invalid/bad-goals.yaml"])
    assert catalogue.files == len(VALID) + 2
    assert {p.path for p in catalogue.problems} == {
        "tests/data/invalid/date-not-iso.yaml",
        "tests/data/invalid/bad-goals.yaml",
    }
    assert [o.id for o in catalogue.offers] == sorted(p.stem for p in VALID)


def test_same_id_in_two_folders_is_an_error(tmp_path):
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a/minimal.yaml").write_text(source, encoding="utf-8")
    catalogue = load_catalogue([DATA / "valid/minimal.yaml", tmp_path / "a"])
    assert [p.message for p in catalogue.problems] == [
        "id'et 'minimal' bruges allerede af tests/data/valid/minimal.yaml; omdøb en af filerne"
    ]


def test_unreadable_path_is_a_problem_not_a_crash(tmp_path):
    offer, problems = load_offer(tmp_path / "missing.yaml")
    assert offer is None
    assert problems[0].message == "kan ikke læses: filen findes ikke"


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (ROOT / DATA / "valid/minimal.yaml").read_bytes())
    offer, problems = load_offer(path)
    assert problems == [] and offer.title == "Rygestop"


@pytest.mark.parametrize(
    "text",
    ["[", "{a: 1", "title: 'x\n", "? [a]\n: b\n", "\x00", "a: !!binary AAAA\n", "- - - -\n", "&a [*a]\n", "~\n"],
)
def test_garbage_never_raises(tmp_path, text):
    path = tmp_path / "garbage.yaml"
    path.write_text("# yaml-language-server: $schema=x\n" + text, encoding="utf-8")
    offer, problems = load_offer(Path(path))
    assert offer is None
    assert problems and all(p.line >= 1 and p.column >= 1 for p in problems)


def test_nothing_in_the_folder_is_skipped_in_silence(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8").replace("../../../", "../")
    (folder / "gyldig.yaml").write_text(source, encoding="utf-8")
    (folder / "stort.YAML").write_text(source, encoding="utf-8")
    (folder / "uden-endelse").write_text(source, encoding="utf-8")
    (folder / "under").mkdir()
    (folder / "under/tilbud.yaml").write_text(source, encoding="utf-8")
    (folder / "brudt.yaml").symlink_to(tmp_path / "findes-ikke.yaml")
    (tmp_path / "udenfor.yaml").write_text(source, encoding="utf-8")
    (folder / "udenfor.yaml").symlink_to(tmp_path / "udenfor.yaml")
    (folder / "passwd.yaml").symlink_to("/etc/passwd")
    catalogue = load_catalogue([folder])
    reported = {Path(p.path).name: p.message for p in catalogue.problems}
    assert reported == {
        "stort.YAML": "tilbudsfiler ender på .yaml med små bogstaver; omdøb til stort.yaml",
        "uden-endelse": "er ikke en tilbudsfil (NAVN.yaml); omdøb den, så den ender på .yaml, "
        f"eller flyt den ud af {folder}",
        "under": "er en mappe; tilbud læses kun fra filer, der ligger direkte i katalogmappen",
        "brudt.yaml": "er et link til en fil, der ikke findes; fjern det",
        "udenfor.yaml": "er et link til en fil uden for mappen; links skal blive inde i kataloget",
        "passwd.yaml": "er et link til en fil uden for mappen; links skal blive inde i kataloget",
    }
    assert [offer.id for offer in catalogue.offers] == ["gyldig"]


def test_a_link_inside_the_folder_is_read(tmp_path):
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert [offer.id for offer in load_catalogue([tmp_path]).offers] == ["a", "b"]


def test_a_folder_with_no_offers_is_a_problem(tmp_path):
    catalogue = load_catalogue([tmp_path])
    assert [str(p) for p in catalogue.problems] == [f"{tmp_path}:1:1: filen: indeholder ingen tilbudsfiler (NAVN.yaml)"]


def test_one_broken_file_never_hides_the_others(tmp_path):
    for case in ("tag-bool-maybe", "tag-int-empty", "deep-nesting", "unclosed-bracket", "date-not-iso"):
        (tmp_path / f"{case}.yaml").write_bytes((ROOT / DATA / "invalid" / f"{case}.yaml").read_bytes())
    catalogue = load_catalogue([tmp_path])
    assert catalogue.files == 5
    assert len({p.path for p in catalogue.problems}) == 5


@pytest.mark.parametrize(
    "name", ["evil\n.yaml", "evil\r.yaml", "ok-\n.yaml"], ids=["newline", "return", "hyphen-newline"]
)
def test_a_file_name_that_is_no_id_is_a_problem_never_dropped(tmp_path, name):
    """A name ending in a newline once passed the id check (`$` matches before "\\n") and vanished from the site."""
    (tmp_path / name).write_text((ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    catalogue = load_catalogue([tmp_path])
    assert catalogue.offers == []
    assert [p.message.split(" er ikke et gyldigt id")[0] for p in catalogue.problems] == [f"filnavnet '{name}'"]


def test_problems_are_capped_per_file_and_in_all_yet_counted(tmp_path):
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    for number in range(30):
        keys = "".join(f"ukendt-{key}: x\n" for key in range(200))
        (tmp_path / f"fil-{number}.yaml").write_text(source + keys, encoding="utf-8")
    catalogue = load_catalogue([tmp_path])
    assert catalogue.problem_count == 30 * 200
    per_file = [p for p in catalogue.problems if p.path.endswith("fil-0.yaml")]
    assert len(per_file) == MAX_PER_FILE + 1
    assert per_file[-1].message.startswith("… og 150 fejl mere i denne fil")
    assert len(catalogue.problems) == MAX_SHOWN + 1
    assert catalogue.problems[-1].message.startswith("… ikke alle vist: 6.000 fejl i alt")


def test_the_date_given_is_the_reference_for_in_the_future():
    catalogue = load_catalogue([DATA / "valid/minimal.yaml"], today=dt.date(2012, 12, 18))
    assert catalogue.offers == []
    assert [str(p) for p in catalogue.problems] == [
        "tests/data/valid/minimal.yaml:8:1: senest opdateret (last_updated): 2012-12-19 ligger i fremtiden; "
        "skriv den dato, hvor tilbuddet senest blev kontrolleret"
    ]
    assert load_catalogue([DATA / "valid/minimal.yaml"], today=dt.date(2012, 12, 19)).problems == []


def test_an_owner_must_be_one_of_the_keys_given():
    catalogue = load_catalogue([DATA / "valid/full.yaml"], owner_keys={"jobcenter-vallensbaek"})
    assert catalogue.offers == []
    assert [str(p) for p in catalogue.problems] == [
        "tests/data/valid/full.yaml:29:1: ansvarlig (owner): 'sundhed-ishoej' er ikke en ansvarlig i owners.yaml; "
        "brug en af nøglerne, eller få en vedligeholder til at tilføje den. Gyldige nøgler: jobcenter-vallensbaek"
    ]


def test_a_second_offer_with_the_same_id_is_reported_and_the_rest_still_read(tmp_path):
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    for name in ("minimal.yaml", "zulu.yaml"):
        (tmp_path / name).write_text(source, encoding="utf-8")
    catalogue = load_catalogue([DATA / "valid/minimal.yaml", tmp_path])
    assert [str(p) for p in catalogue.problems] == [
        f"{tmp_path}/minimal.yaml:1:1: filen: id'et 'minimal' bruges allerede af tests/data/valid/minimal.yaml; "
        "omdøb en af filerne"
    ]
    assert [offer.id for offer in catalogue.offers] == ["minimal", "zulu"]


def test_every_folder_entry_that_is_no_offer_file_is_a_counted_problem_at_its_start(tmp_path):
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "gyldig.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "kort.yml").write_text(source, encoding="utf-8")  # read, and told to be renamed
    (tmp_path / "stort.YML").write_text(source, encoding="utf-8")
    (tmp_path / "noter.txt").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "roer.yaml")
    catalogue = load_catalogue([tmp_path])
    assert sorted(str(p) for p in catalogue.problems) == [
        f"{tmp_path}/kort.yml:1:1: filen: tilbudsfiler ender på .yaml; omdøb til kort.yaml",
        f"{tmp_path}/noter.txt:1:1: filen: er ikke en tilbudsfil (NAVN.yaml); omdøb den, så den ender på .yaml, "
        f"eller flyt den ud af {tmp_path}",
        f"{tmp_path}/roer.yaml:1:1: filen: er ikke en almindelig fil; fjern den",
        f"{tmp_path}/stort.YML:1:1: filen: tilbudsfiler ender på .yaml med små bogstaver; omdøb til stort.yaml",
    ]
    assert catalogue.problem_count == 4
    assert catalogue.files == 2
    assert [offer.id for offer in catalogue.offers] == ["gyldig"]


def test_a_file_named_directly_is_checked_against_its_own_folder(tmp_path):
    source = (ROOT / DATA / "valid/minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(source, encoding="utf-8")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "noter.txt").write_text("x", encoding="utf-8")
    catalogue = load_catalogue([tmp_path / "b.yaml", tmp_path / "noter.txt"])
    assert [offer.id for offer in catalogue.offers] == ["b"]
    assert [str(p) for p in catalogue.problems] == [
        f"{tmp_path}/noter.txt:1:1: filen: er ikke en tilbudsfil (NAVN.yaml); omdøb den, så den ender på .yaml, "
        f"eller flyt den ud af {tmp_path}"
    ]


def test_an_unknown_owner_is_reported_with_every_other_problem_of_the_file(tmp_path):
    """One run names every mistake: the owner check does not wait until the rest of the file is valid."""
    text = (ROOT / DATA / "valid/full.yaml").read_text(encoding="utf-8").replace("category: sundhed", "category: x")
    (tmp_path / "full.yaml").write_text(text, encoding="utf-8")
    catalogue = load_catalogue([tmp_path], owner_keys={"sundhed-ishoj", "maintainers"})
    assert [p.field for p in catalogue.problems] == ["category", "owner"]
    assert catalogue.problems[1].message == (
        "'sundhed-ishoej' er ikke en ansvarlig i owners.yaml; mente du sundhed-ishoj? "
        "Gyldige nøgler: maintainers, sundhed-ishoj"
    )


@pytest.mark.parametrize(
    "path", INVALID[:12], ids=lambda p: slugify(p.stem)
)  # ASCII ids: mutmut passes them back escaped
def test_messages_are_english_on_request(path):
    """`--lang en` is for developers: the same problems, in English, with the key path as the field."""
    with use("en"):
        _, problems = load_offer(path.relative_to(ROOT))
    danish = load_offer(path.relative_to(ROOT))[1]
    assert [(p.line, p.column, p.field) for p in problems] == [(p.line, p.column, p.field) for p in danish]
    assert not [p.message for p in problems if re.search(r" (er|ikke|skal) ", p.message)]
    assert [p.message for p in problems] != [p.message for p in danish]


def offer_text(title: str = "Rygestop", extra: str = "", referral: str | None = "self") -> str:
    """A valid offer's file, with `extra` lines after its title and `referral` (None: no such key)."""
    lines = [
        "# yaml-language-server: $schema=../schemas/offer.schema.json",
        f"title: {title}",
        *filter(None, [extra]),
        "category: sundhed",
        "municipalities: [Ishøj]",
        "purpose: At støtte et rygestop.",
        "target_group: Borgere, der vil stoppe med at ryge.",
        "visitation: Kontakt Sundhedskonsulenterne.",
        *([f"referral: {referral}"] if referral else []),
        "last_updated: 2012-12-19",
    ]
    return "\n".join(lines) + "\n"


def test_an_offer_without_access_is_valid_with_a_warning_where_the_key_belongs(tmp_path):
    (tmp_path / "uden-adgang.yaml").write_text(offer_text(referral=None), encoding="utf-8")
    (tmp_path / "med-adgang.yaml").write_text(offer_text("Kostvejledning", referral="kontakt"), encoding="utf-8")
    catalogue = load_catalogue([tmp_path])
    assert catalogue.problems == [] and len(catalogue.offers) == 2
    assert [str(warning) for warning in catalogue.warnings] == [
        f"{tmp_path}/uden-adgang.yaml:7:1: adgang (referral): advarsel: mangler, så tilbuddet forsvinder, når en "
        "sagsbehandler filtrerer på adgang; tilføj 'referral: …' efter linjen med 'visitation:' med self (borgeren "
        "kan selv henvende sig), caseworker (via sagsbehandler), self_or_caseworker (begge dele), laege (henvisning "
        "fra egen læge) eller kontakt (teksten siger intet om adgang)"
    ]
    assert catalogue.warnings[0].severity == "warning"
    with use("en"):
        assert "disappears when caseworkers filter by access" in str(load_catalogue([tmp_path]).warnings[0])


def test_offers_that_share_a_title_without_a_subtitle_are_warned_at_their_titles_naming_the_others(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(offer_text("Forebyggende hjemmebesøg"), encoding="utf-8")
    (tmp_path / "d.yaml").write_text(offer_text("Rygestop"), encoding="utf-8")
    catalogue = load_catalogue([tmp_path])
    assert catalogue.problems == []
    assert [(w.path, w.line, w.column, w.field, w.severity) for w in catalogue.warnings] == [
        (f"{tmp_path}/{name}.yaml", 2, 1, "title", "warning") for name in ("a", "b", "c")
    ]
    assert str(catalogue.warnings[0]) == (
        f"{tmp_path}/a.yaml:2:1: titel (title): advarsel: 'Forebyggende hjemmebesøg' er også titlen på "
        f"{tmp_path}/b.yaml, {tmp_path}/c.yaml; giv tilbuddene en undertitel (subtitle: …), fx målgruppen med få "
        "ord, så man kan kende dem fra hinanden i lister og søgning"
    )


def test_a_subtitle_of_its_own_tells_an_offer_apart_and_case_or_spaces_do_not(tmp_path):
    files = {
        "kronisk": offer_text("Forebyggende hjemmebesøg", "subtitle: Borgere med kronisk sygdom"),
        "aeldre": offer_text("forebyggende  Hjemmebesøg", "subtitle: Borgere over 75 år"),
        "uden": offer_text("Forebyggende hjemmebesøg"),
        "samme-1": offer_text("Rygestop", "subtitle: Ishøj"),
        "samme-2": offer_text("Rygestop", "subtitle: ishøj"),
        "alene": offer_text("Vægtstop"),
    }
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    warned = [Path(warning.path).stem for warning in load_catalogue([tmp_path]).warnings]
    assert warned == ["samme-1", "samme-2", "uden"]  # sorted by file; the two with a subtitle are told apart
    (tmp_path / "uden.yaml").write_text(files["uden"].replace("title: F", "subtitle: Andre\ntitle: F"), "utf-8")
    assert [Path(warning.path).stem for warning in load_catalogue([tmp_path]).warnings] == ["samme-1", "samme-2"]


def test_the_duplicate_title_check_counts_only_offers_that_were_read(tmp_path):
    """A broken file with the same title is an error of its own, not a second offer to tell apart."""
    (tmp_path / "a.yaml").write_text(offer_text("Rygestop"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(offer_text("Rygestop").replace("sundhed", "kultur"), encoding="utf-8")
    catalogue = load_catalogue([tmp_path])
    assert len(catalogue.problems) == 1 and catalogue.warnings == []


# --- The read cache `mkdocs serve` keeps across rebuilds ---------------------------------------------------------


def _catalogue_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    for path in sorted((DATA / "valid").glob("*.yaml"))[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_with_a_cache_only_a_changed_file_is_read_again_and_the_result_is_the_same(tmp_path):
    folder = _catalogue_copy(tmp_path)
    today, cache = dt.date(2026, 11, 24), {}
    first = load_catalogue([folder], today, cache=cache)
    changed = sorted(folder.glob("*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("title: ", "title: Ny ", 1), encoding="utf-8")
    second = load_catalogue([folder], today, cache=cache)
    assert second == load_catalogue([folder], today)  # as read without a cache
    again = {offer.id: offer for offer in first.offers}
    for offer in second.offers:
        assert (offer is again[offer.id]) == (offer.id != changed.stem)
    assert next(o for o in second.offers if o.id == changed.stem).title.startswith("Ny ")


def test_the_cache_reads_again_for_another_date_or_register_and_forgets_removed_files(tmp_path):
    folder = _catalogue_copy(tmp_path)
    cache = {}
    first = load_catalogue([folder], dt.date(2026, 11, 24), cache=cache)
    later = load_catalogue([folder], dt.date(2026, 11, 25), cache=cache)
    assert all(a is not b for a, b in zip(first.offers, later.offers, strict=True))
    owned = load_catalogue([folder], dt.date(2026, 11, 25), owner_keys={"nobody"}, cache=cache)
    assert owned.problems and "full" not in {offer.id for offer in owned.offers}  # its owner is checked again
    removed = sorted(folder.glob("*.yaml"))[0]
    removed.unlink()
    load_catalogue([folder], dt.date(2026, 11, 25), cache=cache)
    assert str(removed) not in cache and len(cache) == 2


def test_an_offer_for_a_role_search_finds_by_a_word_is_warned_when_no_word_of_it_begins_so(tmp_path):
    """Search finds the offers for those subjected to violence by "vold" (search.ROLES_THAT_FIND): an offer for
    them that never says it would not come up for "min mand slår mig"."""
    text = (DATA / "valid/full.yaml").read_text(encoding="utf-8")
    assert "vold" not in text.lower()
    (tmp_path / "full.yaml").write_text(text.replace("\ntags: ", "\nroles: [udsat]\ntags: "), encoding="utf-8")
    catalogue = load_catalogue([tmp_path])
    assert not catalogue.problems
    (warning,) = [w for w in catalogue.warnings if w.field == "roles"]
    line = text[: text.index("\ntags: ")].count("\n") + 2
    assert (warning.line, warning.severity) == (line, "warning")
    assert "'Den, der er udsat for vold'" in warning.message and "'vold' under tags" in warning.message
    said = text.replace("\ntags: [", "\nroles: [udsat]\ntags: [voldsramte, ")
    (tmp_path / "full.yaml").write_text(said, encoding="utf-8")
    assert not [w for w in load_catalogue([tmp_path]).warnings if w.field == "roles"]
