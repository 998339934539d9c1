import datetime as dt

import pytest

from generator.formatting import age, long_date


def test_long_danish_date():
    assert long_date(dt.date(2012, 12, 19)) == "19. december 2012"


@pytest.mark.parametrize(
    ("months", "danish", "english"),
    [(167, "13 år og 11 måneder", "13 years and 11 months"), (12, "1 år", "1 year"), (1, "1 måned", "1 month")],
)
def test_ages(months, danish, english):
    assert age(months) == danish
    assert age(months, "en") == english
