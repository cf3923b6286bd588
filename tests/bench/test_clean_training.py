"""The line-model training script on bodies written here: the model file it writes reads back
without scikit-learn and scores as scikit-learn did; the chrome vocabulary comes from the junk."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from presswatch.bench.clean_training import chrome_vocabulary, fit, training_pages  # noqa: E402
from presswatch.extract.text import LINE_FEATURES, LineModel, clean_text  # noqa: E402

_PLACES = ("Port Anselm", "Kestrel Valley", "Norland", "Greyhaven", "Millbrook", "Ashcombe")


def _truth() -> dict[str, dict]:
    truth = {}
    for n in range(18):
        place = _PLACES[n % len(_PLACES)]
        body = "\n\n".join([
            f"The council of {place} voted on Tuesday to keep the night ferry number {n} running through the winter.",
            f"Councillor Ines Haldor said the vote showed that {place} listened to the people who work on the water.",
            "The fares will stay as they are until the spring, when the council looks at them again.",
            "He declined to comment." if n % 2 else "“We will keep sailing,” she said.",
            f"About {100 + n} people use the ferry on a busy night, most of them shift workers from the docks.",
        ])
        truth[f"p{n:02d}"] = {"articleBody": body, "url": f"https://news{n}.example/local/ferry-saved-by-vote-in-{n}"}
    return truth


def test_fit_writes_a_model_that_reads_back_and_keeps_the_bodies() -> None:
    pages = training_pages(_truth(), ("title_twice", "share", "cookie", "tools"), seeds=(1,))
    data = fit(pages, cross_validate=False)  # fit() itself checks the file's scores against scikit-learn's
    assert data["features"] == list(LINE_FEATURES)
    assert data["trees"] and data["threshold"] >= 0
    model = LineModel.from_json(data)
    text = "\n\n".join(["Ferry saved by vote", *(_truth()["p03"]["articleBody"].split("\n\n"))])
    cleaned = clean_text(text, line_model=model)
    assert list(cleaned.paragraphs) == _truth()["p03"]["articleBody"].split("\n\n")


def test_chrome_vocabulary_is_the_junk_words_not_the_story_words() -> None:
    pages = training_pages(_truth(), ("title_twice", "share", "cookie"), seeds=(1, 2))
    words = chrome_vocabulary(pages)
    assert "ferry" not in words and "council" not in words
    assert words & {"share", "cookies", "facebook", "twitter", "cookie"}


def test_a_model_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError):
        LineModel.from_json({"features": ["words"], "base": 0, "rate": 0.1, "trees": [], "threshold": 0,
                             "chrome_words": []})
