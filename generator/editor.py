"""The web editor for offers at /admin/ (Decap CMS): its configuration, made from the model.

Content owners who have never seen YAML edit an offer in a form. Every field of the form comes from the
pydantic model (title as label, Danish description as hint, required as the model says), so the form,
the JSON schema and `catalogue validate` cannot disagree. The files Decap reads and writes keep the
owners' own YAML: docs/admin/offer-format.js writes only what changed.

Where the site stores its offers (GitHub, GitLab or Forgejo, and the OAuth service GitHub needs) is set
in one place, `extra.editor` in mkdocs.yml. Without it the published site has no /admin/; `mkdocs serve`
(make serve) builds it all the same, for decap-server, the local Git server.
"""

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.load import SCHEMA_COMMENT
from generator.model import _EMAIL, MAX_LINE, RESERVED_IDS, Contact, Offer
from generator.owners import Owner
from generator.settings import CATALOGUE_DIR, SCHEMA_PATH, SettingError
from generator.taxonomy import CATEGORIES, GOALS, MUNICIPALITIES, REFERRAL, ROLES

EDITOR_FOLDER = "admin"  # the editor's address on the site: /admin/
COLLECTION = "tilbud"  # the collection's name: /admin/#/collections/tilbud
FORMAT = "offer-yaml"  # the custom format docs/admin/offer-format.js registers
# The text fields where owners may use Markdown (the model says so in their descriptions); every other
# multi-line text is plain text.
MARKDOWN_FIELDS = ("description", "further_information")
# What the Markdown toolbar offers: what an offer's text may show (README: What a Markdown field may show).
MARKDOWN_BUTTONS = [
    "bold",
    "italic",
    "code",
    "link",
    "heading-three",
    "heading-four",
    "quote",
    "bulleted-list",
    "numbered-list",
]
# The model's phone rule (8 digits, +45 allowed; spaces, dots and dashes ignored) as one JavaScript pattern.
PHONE_PATTERN = r"^[\s.-]*(\+[\s.-]*4[\s.-]*5[\s.-]*)?(\d[\s.-]*){8}$"
PHONE_MESSAGE = "et telefonnummer på 8 cifre, fx 43 57 77 26 (et nummer i hver linje)"
URL_PATTERN = r"^https?://[^\s\"'<>`]+$"
# Backends whose Decap backend has the editorial workflow (a change is proposed on a branch, never written
# to the published branch directly). Decap's `gitea` backend has none; Forgejo's has.
BACKENDS = ("github", "gitlab", "forgejo")
_BACKEND_KEYS = ("repo", "branch", "base_url", "auth_endpoint", "api_root", "app_id", "auth_type", "site_domain")
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"  # where `make serve` starts decap-server
# The Decap files the page loads, from node_modules (installed by `npm ci`): the bundle, the chunks it
# loads on demand from beside itself, and eemeli/yaml's browser build for the custom format.
DECAP_DIST = Path("decap-cms/dist")
YAML_DIST = Path("yaml/browser/dist")


def editor_settings(extra: Mapping[str, Any]) -> dict[str, Any] | None:
    """Decap's `backend` from mkdocs.yml's `extra.editor`, checked; None when no editor is configured.

    Checked here, at build time, because Decap would only say what is wrong after an owner has logged in.
    """
    editor = extra.get("editor")
    if editor is None:
        return None
    if not isinstance(editor, Mapping):
        raise SettingError("extra.editor in mkdocs.yml must hold keys such as 'backend:' and 'repo:' (README)")
    unknown = sorted(set(editor) - {"backend", "local_backend", *_BACKEND_KEYS})
    if unknown:
        raise SettingError(f"extra.editor in mkdocs.yml: unknown key(s) {', '.join(unknown)} (README: web editor)")
    name = editor.get("backend")
    if name == "gitea":
        raise SettingError(
            "extra.editor.backend: Decap's gitea backend has no editorial workflow, so every save would be "
            "published unreviewed; use 'forgejo' (Forgejo, Codeberg), 'github' or 'gitlab'"
        )
    if name not in BACKENDS:
        raise SettingError(f"extra.editor.backend must be one of {', '.join(BACKENDS)}, not {name!r}")
    repo = editor.get("repo")
    if not isinstance(repo, str) or not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", repo):
        raise SettingError(f"extra.editor.repo must be 'owner/name', not {repo!r}")
    if name == "github" and not editor.get("base_url"):
        # Without it Decap logs in through api.netlify.com: a third party, and a Netlify account.
        raise SettingError("extra.editor.base_url: GitHub needs the address of your OAuth service (README)")
    for key in ("base_url", "auth_endpoint", "api_root", "local_backend"):
        value = editor.get(key)
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"https?://\S+", value)):
            raise SettingError(f"extra.editor.{key} must be an address beginning with https://, not {value!r}")
    backend = {"name": name, "branch": "main"}
    backend |= {key: editor[key] for key in _BACKEND_KEYS if editor.get(key) is not None}
    if "local_backend" in editor:
        backend["local_backend"] = editor["local_backend"]
    return backend


def offer_fields(owners: Mapping[str, Owner]) -> list[dict[str, Any]]:
    """One Decap widget per field of the Offer, in the model's order."""
    return _fields(Offer, owners)


def _fields(model: type[Offer] | type[Contact], owners: Mapping[str, Owner]) -> list[dict[str, Any]]:
    schema = model.model_json_schema()["properties"]
    fields = []
    for name, info in model.model_fields.items():
        if name not in schema:  # the id: the file's name, not a key in it
            continue
        field: dict[str, Any] = {"name": name, "label": info.title, "hint": info.description}
        field["required"] = info.is_required()
        field |= _WIDGETS[name](owners) if name in _WIDGETS else _text_widget(name, schema[name])
        fields.append(field)
    return fields


def _text_widget(name: str, schema: Mapping[str, Any]) -> dict[str, Any]:
    """A one-line value (at most MAX_LINE characters) is a string; a longer text is text, or Markdown."""
    lengths = [option.get("maxLength") for option in (schema, *schema.get("anyOf", []))]
    if MAX_LINE in lengths:
        return {"widget": "string"}
    if name in MARKDOWN_FIELDS:
        return {
            "widget": "markdown",
            "buttons": list(MARKDOWN_BUTTONS),
            "editor_components": [],
            "modes": ["rich_text", "raw"],
        }
    return {"widget": "text"}


def _options(labels: Mapping[Any, str]) -> list[dict[str, Any]]:
    return [{"value": value, "label": label} for value, label in labels.items()]


def _owner_options(owners: Mapping[str, Owner]) -> dict[str, Any]:
    if not owners:  # the register cannot be read: the key is typed, and validate checks it
        return {"widget": "string"}
    return {"widget": "select", "options": _options({key: owner.name for key, owner in owners.items()})}


def _contacts(owners: Mapping[str, Owner]) -> dict[str, Any]:
    fields = _fields(Contact, owners)
    for field in fields:
        if field["name"] == "email":
            field["pattern"] = [_EMAIL.pattern, "en e-mailadresse som sundhed@ishoj.dk"]
        if field["name"] == "url":
            field["pattern"] = [URL_PATTERN, "en webadresse, der begynder med https://"]
    return {
        "widget": "list",
        "label_singular": "kontaktperson",
        "summary": "{{fields.name}}",
        "collapsed": False,  # every contact open: owners see (and check) each number without a click
        "fields": fields,
    }


def _phones(owners: Mapping[str, Owner]) -> dict[str, Any]:
    return {
        "widget": "list",
        "label_singular": "telefonnummer",
        "collapsed": False,  # the numbers themselves, not "telefonnummer" three times
        "field": {
            "name": "phone",
            "label": "Telefonnummer",
            "widget": "string",
            "pattern": [PHONE_PATTERN, PHONE_MESSAGE],
        },
    }


def _lines(label: str) -> Any:
    def widget(owners: Mapping[str, Owner]) -> dict[str, Any]:
        return {
            "widget": "list",
            "label_singular": label,
            "field": {"name": "item", "label": label, "widget": "string"},
        }

    return widget


_WIDGETS = {
    "category": lambda owners: {"widget": "select", "options": _options(CATEGORIES)},
    "municipalities": lambda owners: {
        "widget": "select",
        "multiple": True,
        "min": 1,
        "options": _options({name: name for name in MUNICIPALITIES}),
    },
    "roles": lambda owners: {"widget": "select", "multiple": True, "options": _options(ROLES)},
    "referral": lambda owners: {"widget": "select", "options": _options(REFERRAL)},
    "goals": lambda owners: {
        "widget": "select",
        "multiple": True,
        "options": _options({number: f"{number}. {goal}" for number, goal in GOALS.items()}),
    },
    "owner": _owner_options,
    "contacts": _contacts,
    "phone": _phones,
    "legal_basis": _lines("lovgrundlag"),
    "tags": _lines("emneord"),
    "last_updated": lambda owners: {
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
        "default": "{{now}}",
    },
}


def editor_config(owners: Mapping[str, Owner], backend: Mapping[str, Any] | None) -> dict[str, Any]:
    """Decap's whole configuration: one folder collection of offers, saved through the editorial workflow.

    `backend` is editor_settings' result; None under `make serve` without one, where only decap-server
    (the local Git server) is used. `catalogue` holds what the page's own script needs beside Decap's keys
    (the first line of a file, the ids no offer may take); the script takes it out before Decap sees it.
    """
    backend = dict(backend or {"name": "proxy", "proxy_url": LOCAL_BACKEND, "branch": "main"})
    local = backend.pop("local_backend", LOCAL_BACKEND)
    return {
        "backend": backend,
        "local_backend": {"url": local},
        "publish_mode": "editorial_workflow",
        "locale": "da",
        "media_folder": "docs/admin/uploads",  # required by Decap; no widget uploads anything
        "show_preview_links": False,
        "editor": {"preview": False},  # Decap's preview is not the site's page; the site shows it after review
        "slug": {"encoding": "ascii", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": COLLECTION,
                "label": "Tilbud",
                "label_singular": "tilbud",
                "description": "Tilbuddene i kataloget. Hvert tilbud er én fil; filnavnet laves af titlen.",
                "folder": CATALOGUE_DIR.as_posix(),
                "extension": "yaml",
                "format": FORMAT,
                "identifier_field": "title",
                # The file name: the title by the project's rules (generator.model.slugify), which the page's
                # script computes before saving (Decap's own slugs write ø as o).
                "slug": "{{fields._slug}}",
                "summary": "{{title}}",
                "sortable_fields": ["title", "last_updated"],
                "create": True,
                "delete": False,  # retiring an offer is a reviewed change too (README: web editor)
                "fields": offer_fields(owners),
            }
        ],
        "catalogue": {
            "schema_comment": f"{SCHEMA_COMMENT}../{SCHEMA_PATH.as_posix()}",
            "reserved_ids": sorted(RESERVED_IDS),
        },
    }


def config_text(config: Mapping[str, Any]) -> str:
    """config.yml as the site serves it: YAML, so a maintainer can read what the editor was given."""
    return _yaml_text(json.dumps(config, ensure_ascii=False))


@functools.lru_cache(maxsize=1)
def _yaml_text(config: str) -> str:
    """Every `mkdocs serve` rebuild makes the same configuration: written as YAML (slow) once."""
    header = "# Generated by generator/editor.py from the offer model and mkdocs.yml (extra.editor); do not edit.\n"
    return header + yaml.safe_dump(json.loads(config), allow_unicode=True, sort_keys=False, width=1000)


def bundle_files(node_modules: Path) -> dict[str, Path]:
    """The files the editor page loads from node_modules, by their address under /admin/.

    Decap's bundle loads its chunks (and two WebAssembly files) from beside itself, so all of them are
    served, but not the source maps. Empty when `npm ci` has not run.
    """
    decap, yaml_dist = node_modules / DECAP_DIST, node_modules / YAML_DIST
    if not (decap / "decap-cms.js").is_file() or not (yaml_dist / "index.js").is_file():
        return {}
    files = {
        f"{EDITOR_FOLDER}/decap/{path.name}": path
        for path in sorted(decap.iterdir())
        if path.name == "decap-cms.js" or path.name.endswith((".decap-cms.js", ".wasm"))
    }
    files |= {
        f"{EDITOR_FOLDER}/yaml/{path.relative_to(yaml_dist).as_posix()}": path
        for path in sorted(yaml_dist.rglob("*.js"))
    }
    return files
