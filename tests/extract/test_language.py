"""The article's language is read off its text; the English model only reads English articles."""

from __future__ import annotations

from presswatch.extract import extract
from presswatch.extract.language import detect_language
from presswatch.model import RawDocument
from presswatch.nlp import annotate

ENGLISH = ("The council in Marrowby said on Monday that the harbour wall would be rebuilt by spring, after two "
           "storms in January tore away a section of the old stone. \"We will not leave the quay open another "
           "winter,\" said council leader Mara Lindqvist.")
GERMAN = ("Der Gemeinderat von Marrowby teilte am Montag mit, dass die Hafenmauer bis zum Frühjahr wieder "
          "aufgebaut werden soll, nachdem zwei Stürme im Januar einen Teil der alten Steinmauer weggerissen "
          "hatten. \"Wir lassen den Kai keinen weiteren Winter offen\", sagte die Ratsvorsitzende Mara Lindqvist.")


def test_the_text_outweighs_the_declared_language_and_a_short_text_keeps_it() -> None:
    assert detect_language(GERMAN, "en") == "de"
    assert detect_language(ENGLISH, "de") == "en"
    assert detect_language("Kurz und gut.", "de") == "de"
    assert detect_language("Short.", None) == "en"


def test_a_page_declared_english_around_german_text_is_german_and_gets_no_english_misreadings() -> None:
    page = f"<html lang='en'><head><title>Hafenmauer</title></head><body><article><h1>Hafenmauer</h1><p>{GERMAN}</p></article></body></html>"
    article = extract(RawDocument("hafen.html", page, "html"))
    assert article.language == "de"
    annotated = annotate(article)
    assert (annotated.entities, annotated.people, annotated.quotes) == ((), (), ())
    english = annotate(extract(RawDocument("wall.txt", f"Harbour wall\n\n{ENGLISH}", "text")))
    assert english.language == "en"
    assert "Mara Lindqvist" in [q.speaker for q in english.quotes] and english.entities
