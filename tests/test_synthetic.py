"""The benchmarks' synthetic catalogue must be one that `catalogue validate` accepts."""

import re
import subprocess
import sys

from bench.synthetic import measure, write_catalogue
from generator.load import load_catalogue
from generator.model import Offer
from tests.site import FROZEN


def test_fifty_synthetic_offers_validate(tmp_path):
    paths = write_catalogue(tmp_path / "catalogue", 50, seed=7)
    assert len(paths) == 50
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(tmp_path / "catalogue")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "50 fil(er) uden fejl" in result.stderr


def test_same_seed_same_catalogue_and_the_offers_vary(tmp_path):
    first = write_catalogue(tmp_path / "a", 20, seed=3)
    second = write_catalogue(tmp_path / "b", 20, seed=3)
    texts = [path.read_text(encoding="utf-8") for path in first]
    assert texts == [path.read_text(encoding="utf-8") for path in second]
    assert len({len(text) for text in texts}) > 10
    assert any("contacts:" not in text for text in texts) and any(text.count("- name:") >= 2 for text in texts)


def test_a_word_is_in_about_as_large_a_share_of_synthetic_offers_as_of_real_ones(tmp_path):
    """Search and index costs grow with the pages a word is on: the synthetic catalogue must put a subject
    word on about the share of offers the real one does (drawing from the distinct words did not: p90 3x)."""
    real = [path.read_text(encoding="utf-8").lower() for path in (FROZEN / "catalogue").glob("*.yaml")]
    paths = write_catalogue(tmp_path, 700, seed=5, profile=measure(FROZEN / "catalogue"))
    synthetic = [path.read_text(encoding="utf-8").lower() for path in paths]
    words = {word for text in real for word in re.findall(r"[a-zæøå]{4,}", text)}
    subject_words = [word for word in words if 2 <= sum(word in text for text in real) <= 4]
    ratios = sorted(
        (sum(word in text for text in synthetic) / len(synthetic)) / (sum(word in text for text in real) / len(real))
        for word in subject_words
    )
    assert len(ratios) > 100
    assert ratios[int(len(ratios) * 0.9)] < 2 and ratios[-1] < 5


def test_a_synthetic_offer_holds_about_as_many_words_as_a_real_one(tmp_path):
    """What Pagefind and Markdown cost grows with the words of a page, short ones included: the synthetic
    offers must not be lighter than the real ones (leaving out words under three letters made them about a
    tenth shorter in words and a quarter poorer in distinct words)."""

    def words(offer: Offer) -> list[str]:
        contacts = [value for contact in offer.contacts for value in contact.model_dump(mode="json").values()]
        texts = [offer.title, offer.purpose, offer.target_group, offer.description, offer.visitation]
        texts += [offer.further_information, *offer.tags, *(str(value) for value in contacts if value)]
        return re.findall(r"[^\W_]+", " ".join(text for text in texts if text).lower())

    real = [words(offer) for offer in load_catalogue([FROZEN / "catalogue"]).offers]
    write_catalogue(tmp_path, 300, seed=5, profile=measure(FROZEN / "catalogue"))
    synthetic = [words(offer) for offer in load_catalogue([tmp_path]).offers]

    def mean(values: list[int]) -> float:
        return sum(values) / len(values)

    ratio = mean([len(offer) for offer in synthetic]) / mean([len(offer) for offer in real])
    distinct = mean([len(set(offer)) for offer in synthetic]) / mean([len(set(offer)) for offer in real])
    assert 0.9 < ratio < 1.2, ratio
    assert distinct > 0.8, distinct
