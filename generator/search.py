"""Search: what Pagefind indexes on an offer page and how it ranks it (indexing.py runs Pagefind).

The site's search is Pagefind (a static index in site/pagefind/, loaded in pieces by the browser). Only
elements marked `data-pagefind-body` are indexed, which overrides/main.html puts around the content of
the offer pages (front matter `search_index: offer`) and of the narrative pages (`search_index: true`).
Overviews, category pages, the stale list and the shortlist carry no mark, so they never crowd the offers
out of the results.
"""

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import partial

from generator.facets import CATEGORY, FACETS, MUNICIPALITY
from generator.model import Offer, listed_title
from generator.offer_cache import OfferCache, kept
from generator.taxonomy import CATEGORIES

LANGUAGE = "da"  # Danish stemming; the pages also say lang="da" (theme.language in mkdocs.yml)

# How much a match in each field counts (Pagefind's default weight is 1; h1 headings weigh 7).
# A word a caseworker types is most telling in the title, then in the extra search words, then in
# whom the offer is for and what it is for; contacts and practical text count least.
WEIGHTS: dict[str, float] = {
    "title": 10,
    "tags": 6,
    "target_group": 4,
    "purpose": 3,
    "description": 1.5,
    "visitation": 1,
    "contacts": 0.5,
    "further_information": 0.5,
}

# A narrative page's text (the evaluation, the goals) weighs this against an offer's, headings included: a
# long narrative page would otherwise crowd offers out of everyday queries. It comes first when the query
# is about it. Set on the page by overrides/main.html, from the hook (mkdocs_hook.on_config).
NARRATIVE_WEIGHT = 0.5

# The filters the search box offers are the facets (facets.py), by their Danish labels.
FILTER_MUNICIPALITY = MUNICIPALITY.label  # a municipality named in a query becomes this filter
FILTER_CATEGORY = CATEGORY.label  # every offer carries it

# Whom an offer serves (Offer.roles), by key: a filter the search box uses to rank, never shows (it is not a
# facet: the box's filters come from search_facts, which lists the facets only).
FILTER_ROLE = "Rolle"

# Facts shown in a search result (docs/javascripts/search.js reads them by these names).
META_CATEGORY = "kategori"
META_MUNICIPALITIES = "kommuner"
META_SUMMARY = "resume"  # an offer's one-line summary: a result says what the offer is, not a list of its tags

# Pagefind's ranking (its `ranking` option), chosen by measuring tests/data/search/: termSaturation (BM25's
# k1, Pagefind's default 1.4) raised, so a word in a weighted field (title, tags) counts more against the
# same word repeated in long text; and the facts shown in a result do not rank (Pagefind boosts a page whose
# metadata holds a query word, which would lift every offer for "social" or a municipality's name).
RANKING = {"termSaturation": 2, "metaWeights": {META_CATEGORY: 0, META_MUNICIPALITIES: 0, META_SUMMARY: 0}}

# What the search box needs before its first search, published beside the index (search_facts): the filters'
# values and counts; the words offers are searched by, each with the number of offers that hold it (Pagefind has
# no typo tolerance, so the search box corrects a misspelt query word, "skitzofreni", to the nearest of these
# words, the most common of those as near); the everyday words for the catalogue's words (EVERYDAY); and what
# names a role in a query (ROLE_CUES).
FACTS_FILE = "search-facts.json"
_WORD = re.compile(r"[^\W\d_]{5,}")  # shorter words are too close to too many others to correct

# Everyday words and the catalogue's words for the same need: a query word that is one of these (or begins with
# one of 5 letters or more) is also searched as the catalogue's words, so a need described in words no offer
# uses ("snakke", "tyk", "papirer") finds the offers for it. One vocabulary for the whole catalogue, of needs
# and conditions, never of one offer's wording: an offer's own everyday words belong in its tags.
EVERYDAY: dict[str, tuple[str, ...]] = {
    # talking, loneliness, the mind
    "snakke": ("samtale", "rådgivning"),
    "snak": ("samtale", "rådgivning"),
    "alene": ("ensomhed", "isolation"),
    "venner": ("netværk", "fællesskab"),
    "deprimeret": ("depression",),
    "nedtrykt": ("depression",),
    "bange": ("angst",),
    "nervøs": ("angst",),
    "skør": ("psykisk syg", "sindslidelse"),
    "sindssyg": ("psykisk syg", "sindslidelse"),
    "sove": ("søvnproblemer",),
    "søvn": ("søvnproblemer",),
    # body, food, weight, age
    "tyk": ("overvægt",),
    "fed": ("overvægt", "fedme"),
    "kilo": ("vægttab", "overvægt"),
    "slanke": ("vægttab", "slankekur"),
    "tynd": ("undervægt",),
    "mager": ("undervægt",),
    "spiser": ("appetit",),
    "sukker": ("diabetes", "sukkersyge"),
    "gammel": ("ældre", "pensionist"),
    "glemsom": ("demens",),
    "glemmer": ("demens",),
    "hjerte": ("hjertesygdom",),
    "lunger": ("KOL",),
    # habits and addiction
    "smøger": ("rygning", "rygestop"),
    "cigaret": ("rygning", "rygestop"),
    "drikke": ("alkohol",),
    "drikker": ("alkohol",),
    "fuld": ("alkohol", "druk"),
    "øl": ("alkohol",),
    "joint": ("hash",),
    "pot": ("hash",),
    "skunk": ("hash",),
    "piller": ("stoffer", "misbrug"),
    "afhængig": ("afhængighed", "misbrug"),
    # home, money, everyday life
    "lejlighed": ("bolig",),
    "gaden": ("hjemløs",),
    "husleje": ("huslejerestance",),
    "regninger": ("gæld", "økonomi"),
    "penge": ("økonomi", "gæld"),
    "rengøring": ("praktisk hjælp", "hjælp i hjemmet"),
    "handle": ("praktisk hjælp", "hverdagen"),
    "papirer": ("hjælp til kommunen", "vejledning"),
    "breve": ("hjælp til kommunen", "vejledning"),
    # work, school, language
    "jobbet": ("arbejde", "jobsøgning"),
    "arbejdsløs": ("ledig", "jobsøgning"),
    "bogstaver": ("læse", "skrive", "ordblind"),
    "stave": ("stavning", "skrive"),
    "dansk": ("danskundervisning", "sprog"),
    "udlænding": ("indvandrer", "etniske minoriteter"),
    "udenlandsk": ("indvandrer", "etniske minoriteter"),
    "sy": ("syning", "håndarbejde"),
    "strikke": ("håndarbejde",),
    "hækle": ("håndarbejde",),
    # violence and crime
    "tæsk": ("vold",),
    "slår": ("vold",),
    "slået": ("vold",),
    "slog": ("vold",),
    "banker": ("vold",),
    "truer": ("vold",),
    "voldelig": ("vold",),
    "fængsel": ("kriminalitet", "kriminel"),
    "stjæler": ("kriminalitet", "kriminel"),
}

# What says whom a query is about, so that an offer for another role never comes first (search.js, roleOf).
# Each cue is a pattern of query words, tried in this order; the first that matches names the role. A pattern
# is slots separated by spaces; a slot is words separated by "|", or a class of _ROLE_WORDS (@name); "…" lets up
# to three words come between two slots, but no word that starts another subject (_SUBJECTS: "jeg tror han slår"
# is not about the one who types).
_ROLE_WORDS: dict[str, str] = {
    # what the one who is violent does or is
    "violent": "slår|slog|slå|banker|bankede|tæsker|tæskede|tæver|tævede|sparker|sparkede|truer|truede|skubber"
    "|skubbede|kvæler|mishandler|mishandlede|voldtager|voldelig|voldelige|voldeligt|aggressiv|aggressive|hidsig"
    "|hidsige|vred|vrede|rasende|udøver|udøvere|voldsudøver|voldsudøvere|temperament|aggression|aggressioner",
    # what was done to the one subjected to violence
    "hurt": "slået|banket|tævet|tæsket|sparket|truet|skubbet|mishandlet|voldtaget|kvalt",
    "victim": "voldsramt|voldsramte|voldsoffer|voldsofre|offer|ofre|krisecenter|krisecentret|tæsk|bank|hustruvold",
    "object": "mig|os|dig|hende|ham|børnene",
    "partner": "mand|manden|kone|konen|kæreste|kæresten|hustru|hustruen|samlever|samleveren|partner|partneren"
    "|ægtefælle|ægtefællen|eksmand|ekskone|ekskæreste|eks|fyr|fyren|kærste",
    "family": "søn|sønnen|datter|datteren|barn|barnet|børn|far|faren|mor|moren|forældre|bror|broren|søster"
    "|søsteren|mand|manden|kone|konen|kæreste|kæresten|ven|veninde|familie|onkel|moster|faster|bedstefar"
    "|bedstemor|svigermor|svigerfar",
}
_SUBJECTS = "han|hun|de|den|det|man|min|mit|mine|hans|hendes|deres|hvis"
ROLE_CUES: tuple[tuple[str, str], ...] = (
    ("udoever", "jeg … @violent"),  # jeg slår, jeg bliver så vred, jeg er voldelig
    ("udoever", "jeg har … @hurt"),  # jeg har slået min kone
    ("udsat", "min|mit @partner … @violent|@hurt"),  # min mand slår, min kæreste er voldelig
    ("udsat", "@violent|@hurt @object"),  # slår mig, kæresten slår hende
    ("udsat", "@violent mod|over|overfor|på @object"),  # voldelig mod mig
    ("udoever", "@violent|@hurt sin|sine|sit|min|mine|mit|konen|kæresten|manden|børnene|familien"),  # slår sin kone
    ("udsat", "@hurt"),  # bliver slået, mor slået
    ("udsat", "@victim"),  # voldsramt, offer, får tæsk
    ("udsat", "udsat for vold"),
    ("udsat", "voldelig|voldelige @partner"),  # voldelig kæreste: someone who has one
    ("udsat", "bange for @partner"),
    ("udsat", "bange for min|mit|sin|vores @partner"),  # jeg er bange for min mand
    ("udoever", "@violent"),  # voldelig, udøver, slår, vred
    ("barn", "børn|barn af"),  # børn af alkoholikere
    ("barn", "mine forældre"),
    ("paaroerende", "pårørende|pårørendegruppe|pårørenderådgivning|bekymret|bekymring"),
    ("paaroerende", "min|mit|mine|vores @family"),  # min søn drikker
    ("borger", "jeg"),
)
# The offers that serve a query naming a role, by their roles. A relative or a child asks on behalf of the person
# too (the person's own offer is an answer: a relative passes it on, and family treatment is part of it), and the
# one subjected to violence or using it is the person themselves. But an offer for the one who is violent never
# answers the one subjected to violence, nor the other way round, and the person's own offers (smoking
# cessation) answer neither.
ROLE_SERVED_BY: dict[str, tuple[str, ...]] = {
    "borger": ("borger", "udsat", "udoever"),
    "paaroerende": ("paaroerende", "barn", "borger"),
    "barn": ("barn", "paaroerende", "borger"),
    "udsat": ("udsat",),
    "udoever": ("udoever",),
}
# A query naming one of these roles is a need in itself ("min kæreste slår mig"): the offers for the role are found
# even when they hold none of the query's words, by the word the role is about (a prefix: "vold" finds "voldsramt")
# within the role. The search box never lists a role's offers by the filter alone: Pagefind 1.5 answers a search
# without words by loading its whole word index. The other roles say only on whose behalf a query is asked.
ROLES_THAT_FIND: dict[str, str] = {"udsat": "vold", "udoever": "vold"}


def unfound_roles(offer: Offer) -> list[tuple[str, str]]:
    """(role, word) for each role of the offer that search finds its offers by a word (ROLES_THAT_FIND), when no
    word of the offer's indexed texts begins with it: a query naming the role would not bring the offer up."""
    finding = [(role, ROLES_THAT_FIND[role]) for role in offer.roles if role in ROLES_THAT_FIND]
    if not finding:  # nearly every offer: its words need not be read (a tenth of `catalogue validate`)
        return []
    texts = [offer.title, *offer.tags, offer.target_group, offer.purpose, offer.visitation]
    texts += [text for text in (offer.description, offer.further_information) if text]
    words = {word for text in texts for word in re.findall(r"\w+", text.lower())}
    return [(role, word) for role, word in finding if not any(found.startswith(word) for found in words)]


def role_cues() -> list[dict[str, object]]:
    """ROLE_CUES as search.js reads them: {role, slots: [[word or @class, …], …], gaps: [0 or 3, …]}."""
    cues: list[dict[str, object]] = []
    for role, pattern in ROLE_CUES:
        slots: list[list[str]] = []
        gaps: list[int] = []
        gap = 0
        for part in pattern.split():
            if part == "…":
                gap = 3
                continue
            slots.append(part.split("|"))
            gaps.append(gap)
            gap = 0
        cues.append({"role": role, "slots": slots, "gaps": gaps})
    return cues


def browser_settings() -> dict[str, object]:
    """What the search box (docs/javascripts/search.js) must know of the index: how to rank, which filters a
    municipality named in a query and an offer's roles are, and where its facts are (search_facts)."""
    return {
        "ranking": RANKING,
        "municipalityFilter": FILTER_MUNICIPALITY,
        "roleFilter": FILTER_ROLE,
        "factsFile": FACTS_FILE,
    }


def search_facts(offers: Iterable[Offer], cache: OfferCache | None = None) -> str:
    """As JSON: each filter's values with the number of offers that have them, as Pagefind counts them (the
    search box's filters); the long words of the offers' titles, tags, target groups and purposes, each with the
    number of offers that hold it (spelling correction); the everyday words (EVERYDAY); and the role cues.
    With a `cache` (`mkdocs serve`), only a changed offer's words are found again."""
    offers = list(offers)
    filters = {facet.label: counts for facet in FACETS if (counts := facet.counts(offers))}
    words: Counter[str] = Counter()
    for offer in offers:
        words.update(kept(cache, "words", offer, None, partial(_long_words, offer)))
    roles = {
        "cues": role_cues(),
        "classes": {name: words.split("|") for name, words in _ROLE_WORDS.items()},
        "subjects": _SUBJECTS.split("|"),
        "servedBy": ROLE_SERVED_BY,
        "find": ROLES_THAT_FIND,
    }
    facts = {"filters": filters, "words": dict(sorted(words.items())), "everyday": EVERYDAY, "roles": roles}
    return json.dumps(facts, ensure_ascii=False, separators=(",", ":"))


def _long_words(offer: Offer) -> frozenset[str]:
    texts = (offer.title, *offer.tags, offer.target_group, offer.purpose)
    return frozenset(word for text in texts for word in _WORD.findall(text.lower()))


def offer_metadata(offer: Offer) -> str:
    """A hidden element carrying the offer's filters and the facts shown in a search result.

    The values are element text, not attribute values, so a comma or colon in a value needs no escaping;
    `data-pagefind-ignore` keeps the text out of the word index while Pagefind still reads the filters.
    """
    filters = [(facet.label, facet.name_of(code)) for facet in FACETS for code in facet.codes(offer)]
    filters += [(FILTER_ROLE, role) for role in offer.roles]
    meta = [(META_CATEGORY, CATEGORIES[offer.category]), (META_MUNICIPALITIES, ", ".join(offer.municipalities))]
    if offer.subtitle:  # the result's title (Pagefind's `title` meta, else the page's h1) tells it apart
        meta.append(("title", listed_title(offer)))
    spans = [_span("data-pagefind-filter", name, value) for name, value in filters]
    spans += [_span("data-pagefind-meta", name, value) for name, value in meta]
    return f'<div class="offer-search-data" hidden data-pagefind-ignore="index">{"".join(spans)}</div>\n'


def _span(attribute: str, name: str, value: str) -> str:
    return f'<span {attribute}="{html.escape(name)}">{html.escape(value, quote=False)}</span>'
