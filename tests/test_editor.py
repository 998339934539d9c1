"""The web editor's configuration (generator/editor.py) and file format (docs/admin/offer-format.js).

The form must say what the model says (fields, order, labels, hints, required, vocabularies), the format
must give back every offer file byte for byte, and the site has /admin/ exactly where an editor is configured.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator import editor
from generator.editor import editor_config, editor_settings, offer_fields
from generator.model import MAX_LINE, Contact, Offer, slugify
from generator.owners import load_owners
from generator.settings import SettingError
from generator.taxonomy import CATEGORIES, GOALS, MUNICIPALITIES, REFERRAL, ROLES
from tests.conftest import ROOT
from tests.site import FROZEN, build, make_project

NODE = shutil.which("node")
GITHUB = {"backend": "github", "repo": "ishoj-vallensbaek/tilbudskatalog", "base_url": "https://oauth.example.dk"}


@pytest.fixture(scope="module")
def owners():
    owners, problems = load_owners(FROZEN / "owners.yaml")
    assert not problems
    return owners


@pytest.fixture(scope="module")
def fields(owners):
    return {field["name"]: field for field in offer_fields(owners)}


def test_one_widget_per_model_field_in_the_models_order_with_its_title_description_and_required(fields):
    model = [name for name in Offer.model_fields if name != "id"]
    assert list(fields) == model
    for name in model:
        info = Offer.model_fields[name]
        assert (fields[name]["label"], fields[name]["hint"]) == (info.title, info.description)
        assert fields[name]["required"] is info.is_required()
    contact = fields["contacts"]["fields"]
    assert [field["name"] for field in contact] == list(Contact.model_fields)
    for field in contact:
        info = Contact.model_fields[field["name"]]
        assert (field["label"], field["hint"], field["required"]) == (info.title, info.description, info.is_required())


def test_text_fields_are_one_line_strings_plain_text_or_markdown_where_the_model_allows_it(fields):
    schema = Offer.model_json_schema()["properties"]
    for name, field in fields.items():
        options = [schema[name], *schema[name].get("anyOf", [])]
        if MAX_LINE in [option.get("maxLength") for option in options] and name != "owner":
            assert field["widget"] == "string", name
    assert fields["subtitle"]["widget"] == "string" and not fields["subtitle"]["required"]
    assert {name for name, field in fields.items() if field["widget"] == "markdown"} == set(editor.MARKDOWN_FIELDS)
    for name in editor.MARKDOWN_FIELDS:
        assert "Markdown" in Offer.model_fields[name].description
    assert {name for name, field in fields.items() if field["widget"] == "text"} == {
        "purpose",
        "target_group",
        "visitation",
    }
    assert (
        fields["last_updated"] | {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
        == (fields["last_updated"])
    )


def test_the_vocabularies_are_selects_with_the_sites_danish_labels(fields, owners):
    def options(name):
        return {option["value"]: option["label"] for option in fields[name]["options"]}

    assert options("category") == CATEGORIES
    assert options("referral") == REFERRAL
    assert options("referral")["laege"] == "Kræver henvisning fra egen læge"
    assert options("roles") == ROLES and fields["roles"]["multiple"]
    assert options("roles")["udsat"] == "Den, der er udsat for vold"
    assert not fields["roles"]["required"]
    assert options("municipalities") == {name: name for name in MUNICIPALITIES}
    assert fields["municipalities"]["multiple"] and fields["goals"]["multiple"]
    assert options("goals") == {number: f"{number}. {text}" for number, text in GOALS.items()}
    assert options("goals")[8] == "8. Større effekt af stofmisbrugsbehandlingen"
    assert options("owner") == {key: owner.name for key, owner in owners.items()}
    assert fields["tags"]["widget"] == fields["legal_basis"]["widget"] == "list"


def test_a_phone_is_a_list_of_strings_checked_as_the_model_checks_it(fields):
    phone = next(field for field in fields["contacts"]["fields"] if field["name"] == "phone")
    assert phone["widget"] == "list"
    pattern, message = phone["field"]["pattern"]
    assert "8 cifre" in message
    for number in ["43 57 77 26", "43577800", "+45 43 57 77 26", "+4543577726", "43-57-77-26", "4328 3539"]:
        assert re.fullmatch(pattern.strip("^$"), number), number
        Contact(name="x", phone=[number])
    for number in ["4357772", "43 57 77 26 1", "tlf. 43577726", "+46 43577726", ""]:
        assert not re.fullmatch(pattern.strip("^$"), number), number


def test_the_config_uses_the_editorial_workflow_in_danish_and_the_local_server_on_loopback(owners):
    config = editor_config(owners, None)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "da"
    assert config["local_backend"] == {"url": editor.LOCAL_BACKEND}
    assert config["backend"]["name"] == "proxy"  # `make serve` without an editor in mkdocs.yml
    (collection,) = config["collections"]
    assert (collection["folder"], collection["extension"], collection["format"]) == ("catalogue", "yaml", "offer-yaml")
    assert collection["slug"] == "{{fields._slug}}"
    assert config["catalogue"]["schema_comment"] == "# yaml-language-server: $schema=../schemas/offer.schema.json"
    for path in sorted((ROOT / "catalogue").glob("*.yaml")):  # the line the owners' files begin with
        assert path.read_text(encoding="utf-8").startswith(config["catalogue"]["schema_comment"] + "\n")


def test_editor_settings_come_from_extra_editor_and_are_checked():
    assert editor_settings({}) is None
    github = {"name": "github", "branch": "main", "repo": GITHUB["repo"], "base_url": GITHUB["base_url"]}
    assert editor_settings({"editor": GITHUB}) == github
    gitlab = {"backend": "gitlab", "repo": "kommune/katalog", "auth_type": "pkce", "app_id": "abc", "branch": "trunk"}
    assert editor_settings({"editor": gitlab}) == {
        "name": "gitlab",
        **{k: v for k, v in gitlab.items() if k != "backend"},
    }
    local = editor_settings({"editor": {**GITHUB, "local_backend": "http://127.0.0.1:9000/api/v1"}})
    assert editor_config({}, local)["local_backend"] == {"url": "http://127.0.0.1:9000/api/v1"}
    assert "local_backend" not in editor_config({}, local)["backend"]
    for wrong, said in [
        ({**GITHUB, "base_url": None}, "OAuth service"),
        ({**GITHUB, "backend": "gitea"}, "no editorial workflow"),
        ({**GITHUB, "backend": "bitbucket"}, "must be one of github, gitlab, forgejo"),
        ({**GITHUB, "repo": "tilbudskatalog"}, "owner/name"),
        ({**GITHUB, "base_url": "oauth.example.dk"}, "https://"),
        ({**GITHUB, "repository": "x/y"}, "unknown key(s) repository"),
    ]:
        with pytest.raises(SettingError, match=re.escape(said)):
            editor_settings({"editor": wrong})


def test_the_config_file_is_yaml_without_aliases(owners):
    text = editor.config_text(editor_config(owners, None))
    assert text.startswith("# Generated by generator/editor.py")
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == json.loads(json.dumps(editor_config(owners, None)))


@pytest.fixture(scope="module")
def node_modules():
    if NODE is None or not (ROOT / "node_modules/decap-cms/dist/decap-cms.js").is_file():
        pytest.fail("the editor's tests need node and node_modules: run 'make test' (it runs npm ci)")
    return ROOT / "node_modules"


TITLES = [
    "Rygestop – Ishøj",
    "Gåtur for ældre i Vallensbæk",
    "Æblehaven: Østergårds café & køkken",
    "Café Vildtbanehus (åben) 2025",
    "  --Hjælp  til  unge--  ",
    "Über Öl und Äpfel",
    "SUNDHED",
]


@pytest.mark.live
@pytest.mark.parametrize("folder", [ROOT / "catalogue", FROZEN / "catalogue"], ids=["live", "frozen"])
def test_the_format_gives_back_every_offer_byte_for_byte_and_a_phone_edit_is_one_line(
    folder, owners, node_modules, tmp_path
):
    """tests/editor/offer-format.test.mjs with node's own test runner, on the generated config."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps(editor_config(owners, None), ensure_ascii=False), encoding="utf-8")
    titles = TITLES + [yaml.safe_load(path.read_text(encoding="utf-8"))["title"] for path in folder.glob("*.yaml")]
    env = {
        "PATH": str(Path(NODE).parent),
        "EDITOR_CONFIG": str(config),
        "CATALOGUE": str(folder),
        "SLUG_CASES": json.dumps({title: slugify(title) for title in titles}, ensure_ascii=False),
    }
    result = subprocess.run(
        [NODE, "--test", "--test-reporter=tap", "tests/editor/offer-format.test.mjs"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    passed = int(re.search(r"^# pass (\d+)", result.stdout, re.M)[1])
    assert passed >= 3 * len(list(folder.glob("*.yaml")))


def test_npm_pins_decap_decap_server_and_yaml_and_make_installs_them():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert set(package["dependencies"]) == {"decap-cms", "decap-server", "yaml"}
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned exactly, not {version}"
    assert package["dependencies"]["decap-cms"].startswith("3.")
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "package-lock.json" in stamp.splitlines()[0] and "npm ci" in stamp
    assert "node_modules/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_without_an_editor_the_site_has_no_admin_and_no_editor_link(tmp_path):
    project = make_project(tmp_path, frozen=True)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert not (project / "site/admin").exists()
    assert "/admin/" not in (project / "site/tilbud/rygestop-ishoej/index.html").read_text(encoding="utf-8")


def test_with_an_editor_the_site_serves_it_from_itself(tmp_path, node_modules, owners):
    project = make_project(tmp_path, frozen=True)
    settings = "\n".join(f"    {key}: {value}" for key, value in GITHUB.items())
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("\nextra:\n", f"\nextra:\n  editor:\n{settings}\n", 1))
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    admin = project / "site/admin"
    served = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert served == json.loads(json.dumps(editor_config(owners, editor_settings({"editor": GITHUB}))))
    page = (admin / "index.html").read_text(encoding="utf-8")
    for script in re.findall(r'src="([^"]+)"', page) + ["yaml/index.js", "offer-format.js"]:
        assert (admin / script).is_file(), script
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    chunks = {path.name for path in (admin / "decap").iterdir()}
    assert {"decap-cms.js"} < chunks and not any(name.endswith(".map") for name in chunks)
    offer = (project / "site/tilbud/rygestop-ishoej/index.html").read_text(encoding="utf-8")
    assert "../../admin/#/collections/tilbud/entries/rygestop-ishoej" in offer
    assert "Redigér i editoren" in offer


def test_a_wrong_editor_setting_stops_the_build_with_the_reason(tmp_path):
    project = make_project(tmp_path, frozen=True)
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8").replace("\nextra:\n", "\nextra:\n  editor:\n    backend: gitea\n", 1)
    mkdocs.write_text(text)
    result = build(project)
    assert result.returncode == 1
    assert "no editorial workflow" in result.stdout + result.stderr
