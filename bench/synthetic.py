"""Write N realistic, varied synthetic offers for benchmarks: never committed as data.

Every choice is sampled from the real `catalogue/`: how long each text field is (a real offer's length,
give or take 30 %), whether an optional field is present, how often a field holds a Markdown list or
emphasis, how many contacts, goals, tags and legal references an offer has, how many words a tag holds, and
the words themselves, the short ones too (so an offer holds about as many words as a real one).
Words come as they do in a real catalogue: each synthetic offer is about the subject of one real offer
and draws six in seven of its words from that offer's text, the rest from the whole catalogue's, each as
often as it occurs there. So a word is in about as large a share of the synthetic offers as of the real
ones ("rygestop": 3 of 35 real offers, about 13 % of synthetic ones), not in half of them, which is what
drawing from the list of distinct words gave at 10,000 offers (and what made a search there look several
times slower than a real catalogue's). Deterministic for a given
--seed and catalogue.

Usage: python bench/synthetic.py OUTPUT_FOLDER --offers 1000 [--seed 1]
"""

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the project's package beside this folder
    sys.path.insert(0, str(ROOT))

from generator.load import load_catalogue  # noqa: E402
from generator.model import RESERVED_IDS, slugify  # noqa: E402
from generator.taxonomy import GOALS  # noqa: E402

REAL_CATALOGUE = ROOT / "catalogue"
TEXT_FIELDS = ("purpose", "target_group", "description", "visitation", "further_information")
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/offer.schema.json\n"
FIRST_NAMES = "Anne Mette Camilla Sara Kristina Niels Lars Jens Aynur Clarissa Rikke Henrik Peter Louise".split()
LAST_NAMES = "Jensen Nielsen Hansen Andersen Pedersen Larsen Berg Deniz Johansen Christiansen Kold Rye".split()
DOMAINS = ("ishoj.dk", "vallensbaek.dk")
_WORD = re.compile(r"[^\W_]+")  # every word, the short ones too: "og", "i", "at" are a tenth of Danish text


@dataclass
class Profile:
    """What the real catalogue looks like, measured once: lengths, presence and shapes to sample from."""

    words: list[str]  # every word of the real offers' texts, as often as it occurs
    topics: list[list[str]]  # per real offer, the words of its own texts
    lengths: dict[str, list[int]]  # per text field, the lengths of the real values (0 = absent)
    markup: dict[str, float]  # per text field, the share of real values that hold a Markdown list
    title_lengths: list[int]
    contacts: list[int]
    goals: list[int]
    tags: list[int]
    tag_words: list[int]  # the words in each real tag
    legal: list[str]
    legal_counts: list[int]
    referrals: list[str | None]
    categories: list[str]
    municipalities: list[tuple[str, ...]]
    owners: list[str] = field(default_factory=list)


def measure(folder: Path = REAL_CATALOGUE) -> Profile:
    offers = load_catalogue([folder]).offers
    if not offers:
        raise SystemExit(f"{folder}: no valid offers to measure")
    topics = [
        [word for name in (*TEXT_FIELDS, "title") for word in _WORD.findall(getattr(offer, name) or "")]
        for offer in offers
    ]
    return Profile(
        words=[word for topic in topics for word in topic],
        topics=topics,
        lengths={name: [len(getattr(offer, name) or "") for offer in offers] for name in TEXT_FIELDS},
        markup={
            name: sum(bool(re.search(r"^\s*[-*] ", getattr(o, name) or "", re.M)) for o in offers) / len(offers)
            for name in TEXT_FIELDS
        },
        title_lengths=[len(offer.title) for offer in offers],
        contacts=[len(offer.contacts) for offer in offers],
        goals=[len(offer.goals) for offer in offers],
        tags=[len(offer.tags) for offer in offers],
        tag_words=[len(_WORD.findall(tag)) or 1 for offer in offers for tag in offer.tags] or [1],
        legal=sorted({basis for offer in offers for basis in offer.legal_basis}) or ["SEL § 107"],
        legal_counts=[len(offer.legal_basis) for offer in offers],
        referrals=[offer.referral for offer in offers],
        categories=[offer.category for offer in offers],
        municipalities=[tuple(offer.municipalities) for offer in offers],
        owners=[offer.owner for offer in offers if offer.owner],
    )


def _words(rng: random.Random, words: list[str], length: int) -> str:
    out: list[str] = []
    size = 0
    while size < max(length, 3):
        word = rng.choice(words)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def _sentences(rng: random.Random, words: list[str], length: int) -> str:
    """Sentences of 6–18 words with capitals and full stops, about `length` characters."""
    sentences, size = [], 0
    while size < length:
        sentence = _words(rng, words, min(length - size, rng.randint(40, 120)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)


def _text(rng: random.Random, profile: Profile, name: str) -> str | None:
    length = rng.choice(profile.lengths[name])
    if not length:
        return None
    length = max(8, round(length * rng.uniform(0.7, 1.3)))
    if rng.random() < profile.markup[name] and length > 80:
        intro = _sentences(rng, profile.words, length // 3).rstrip(".") + ":"
        items = [_words(rng, profile.words, rng.randint(10, 40)).capitalize() for _ in range(rng.randint(2, 5))]
        return intro + "\n\n" + "\n".join(f"- {item}" for item in items)
    paragraphs = [_sentences(rng, profile.words, part) for part in _split(rng, length)]
    if rng.random() < 0.1:  # some owners emphasise a word
        first, _, rest = paragraphs[0].partition(" ")
        paragraphs[0] = f"**{first}** {rest}"
    return "\n\n".join(paragraphs)


def _split(rng: random.Random, length: int) -> list[int]:
    """Long fields come in paragraphs, as the real ones do."""
    parts = max(1, min(4, length // 250 + (rng.random() < 0.3)))
    return [length // parts] * parts


def _phone(rng: random.Random) -> str:
    digits = f"{rng.randint(20, 99)}{rng.randint(0, 999999):06d}"
    return rng.choice([digits, f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}", f"{digits[:4]} {digits[4:]}"])


def _contact(rng: random.Random, profile: Profile) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    contact: dict = {"name": f"{first} {last}"}
    if rng.random() < 0.7:
        contact["role"] = _words(rng, profile.words, rng.randint(10, 50)).capitalize()
    if rng.random() < 0.7:
        phones = [_phone(rng) for _ in range(rng.choice([1, 1, 1, 2]))]
        contact["phone"] = phones[0] if len(phones) == 1 else phones
    if rng.random() < 0.6:
        contact["email"] = f"{first[:2].lower()}{last[:1].lower()}{rng.randint(1, 99)}@{rng.choice(DOMAINS)}"
    if rng.random() < 0.4:
        contact["address"] = f"{_words(rng, profile.words, 12).capitalize()} {rng.randint(1, 120)}, 2635 Ishøj"
    if rng.random() < 0.2:
        contact["hours"] = f"Mandag til fredag {rng.randint(8, 10)}.00 - {rng.randint(12, 16)}.00"
    if rng.random() < 0.15:
        contact["url"] = f"https://www.{rng.choice(DOMAINS)}/{slugify(_words(rng, profile.words, 12))}"
    return contact


def _tag(rng: random.Random, topic: list[str], profile: Profile) -> str:
    """A search word or phrase on the offer's subject, as long as a real tag."""
    return " ".join(rng.choice(topic) for _ in range(rng.choice(profile.tag_words))).lower()


def _count(rng: random.Random, real: list[int], most: int) -> int:
    """A count from the real distribution, now and then a larger one up to `most`."""
    return rng.randint(max(real) + 1, most) if max(real) < most and rng.random() < 0.05 else rng.choice(real)


def synthetic_offer(rng: random.Random, profile: Profile) -> dict:
    """One offer as the YAML mapping a content owner would write, about the subject of a real one."""
    topic = rng.choice(profile.topics)
    words = topic * 6 + rng.sample(profile.words, min(len(profile.words), len(topic)))  # 6/7 on the subject
    profile = replace(profile, words=words)
    title = _words(rng, topic, rng.choice(profile.title_lengths)).capitalize()
    offer: dict = {
        "title": title,
        "category": rng.choice(profile.categories),
        "municipalities": list(rng.choice(profile.municipalities)),
    }
    for name in TEXT_FIELDS:
        text = _text(rng, profile, name)
        if text is None and name in ("purpose", "target_group", "visitation"):
            text = _sentences(rng, profile.words, 40)
        if text is not None:
            offer[name] = text
    contacts = [_contact(rng, profile) for _ in range(_count(rng, profile.contacts, 4))]
    if contacts:
        offer["contacts"] = contacts
    referral = rng.choice(profile.referrals)
    if referral:
        offer["referral"] = referral
    goals = rng.sample(sorted(GOALS), _count(rng, profile.goals, 3))
    if goals:
        offer["goals"] = sorted(goals)
    legal = rng.sample(profile.legal, min(len(profile.legal), rng.choice(profile.legal_counts)))
    if legal:
        offer["legal_basis"] = legal
    tags = sorted({_tag(rng, topic, profile) for _ in range(rng.choice(profile.tags))})
    if tags:
        offer["tags"] = tags
    if rng.random() < len(profile.owners) / len(profile.contacts):
        offer["owner"] = rng.choice(profile.owners)
    offer["last_updated"] = dt.date(2011, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 15))
    return offer


def write_catalogue(folder: Path, count: int, seed: int = 1, profile: Profile | None = None) -> list[Path]:
    """Write `count` offer files into `folder` (created); returns their paths."""
    profile = profile or measure()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths, used = [], set(RESERVED_IDS)
    for number in range(count):
        offer = synthetic_offer(rng, profile)
        stem = "-".join(slugify(offer["title"]).split("-")[:6]) or "tilbud"
        name = stem if stem not in used else f"{stem}-{number}"
        used.add(name)
        path = folder / f"{name}.yaml"
        text = yaml.safe_dump(offer, allow_unicode=True, sort_keys=False, width=110)
        path.write_text(SCHEMA_LINE + text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--offers", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_catalogue(args.output, args.offers, args.seed)
    print(f"wrote {len(paths)} synthetic offer(s) to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
