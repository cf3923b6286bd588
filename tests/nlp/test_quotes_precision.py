"""Quotation marks that hold no one's words, and reported clauses that stop where the report does."""

from __future__ import annotations


def _kinds(article):
    return [(q.kind, q.text, q.speaker) for q in article.quotes]


def test_programme_title_after_a_possessive_is_no_quotation(annotated):
    a = annotated(
        "Speaking on Channel Nine’s “Morning Harbour,” Mayor Ines Korhonen said the ferry would run all winter."
    )
    assert not any(q.text.startswith("Morning Harbour") for q in a.quotes), _kinds(a)
    ferry = [q for q in a.quotes if "ferry would run" in q.text]
    assert ferry and all(q.kind == "indirect" for q in ferry), _kinds(a)
    assert "Ines Korhonen" in ferry[0].speaker


def test_film_title_after_a_preposition_is_no_quotation(annotated):
    a = annotated(
        "Tomas Lindqvist, who starred in “The Salt Road,” said the film festival needed a bigger hall."
    )
    assert not any(q.text.startswith("The Salt Road") and q.kind == "direct" for q in a.quotes), _kinds(a)
    hall = [q for q in a.quotes if "bigger hall" in q.text]
    assert hall and hall[0].kind == "indirect", _kinds(a)


def test_capitalised_words_a_speaker_used_stay_a_quotation(annotated):
    a = annotated("Councillor Aino Pikkarainen called the new parking levy “a Grave Mistake” on Tuesday.")
    assert any(q.kind == "mixed" and "Grave Mistake" in q.text and q.speaker == "Aino Pikkarainen"
               for q in a.quotes), _kinds(a)


def test_markup_attribute_values_are_no_quotations():
    from presswatch.nlp.attribution import find_quoted_spans

    text = '<post author="harbourwatch" id="5521">Ferry fares rise again, she wrote, calling it "a disgrace."</post>'
    inner = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert inner == ["a disgrace."]


def test_clause_around_markup_is_not_mixed(annotated):
    a = annotated(
        'Mayor Ines Korhonen posted <post pic="" author="harbourwatch" id="5521">Ferry fares will not rise this '
        "winter</post>."
    )
    ferry = [q for q in a.quotes if "Ferry fares will not rise" in q.text]
    assert ferry and ferry[0].kind == "indirect", _kinds(a)


def test_mixed_clause_ends_before_a_relative_clause_after_its_quotation(annotated):
    a = annotated(
        "Rosa Ekdahl said the new timetable was “a gift to early commuters,” which the drivers’ union "
        "disputed in a long letter to the council."
    )
    q = next((q for q in a.quotes if "new timetable" in q.text), None)
    assert q is not None, _kinds(a)
    assert q.kind == "mixed" and q.speaker == "Rosa Ekdahl"
    assert q.text.rstrip("”,").endswith("a gift to early commuters") and "union" not in q.text, q.text


def test_quoted_label_before_a_noun_is_no_quotation(annotated):
    a = annotated(
        "Ines Korhonen said the ferry would run all winter.",
        "The “Harbour First” campaign gathered four thousand signatures, and its “volunteer” drivers "
        "delivered them to the town hall.",
    )
    assert not any(q.text.startswith(("Harbour First", "volunteer")) for q in a.quotes), _kinds(a)


def test_short_quotation_the_cue_reports_stays_a_quotation(annotated):
    a = annotated("Councillor Aino Pikkarainen called the parking levy “shameful” on Tuesday.")
    assert any(q.kind in ("mixed", "direct") and "shameful" in q.text and q.speaker == "Aino Pikkarainen"
               for q in a.quotes), _kinds(a)


def test_work_named_after_its_genre_is_no_quotation(annotated):
    a = annotated(
        "“The harbour will outlive us all,” Ines Korhonen said.",
        "Korhonen, the author of “Salt and Iron,” wrote the documentary “The Last Ferry” with her brother.",
    )
    assert not any(q.text.startswith(("Salt and Iron", "The Last Ferry")) for q in a.quotes), _kinds(a)
    assert any(q.kind == "direct" and "outlive us all" in q.text for q in a.quotes), _kinds(a)


def test_clause_whose_only_quotation_is_a_label_is_reported_not_quoted(annotated):
    a = annotated("Mayor Ines Korhonen said she would join the “Harbour First” campaign next spring.")
    q = next((q for q in a.quotes if "campaign next spring" in q.text), None)
    assert q is not None and q.kind == "indirect" and "Ines Korhonen" in q.speaker, _kinds(a)


def test_clause_with_quoted_wording_besides_a_label_stays_mixed(annotated):
    a = annotated(
        "Mayor Ines Korhonen said the “Harbour First” campaign was “a wake-up call for the whole coast.”"
    )
    q = next((q for q in a.quotes if "wake-up call" in q.text), None)
    assert q is not None and q.kind == "mixed" and "Ines Korhonen" in q.speaker, _kinds(a)


def test_programme_a_speaker_told_is_no_quotation(annotated):
    a = annotated("“The bridge opens in May,” Ines Korhonen told “Harbour Morning” on Friday.")
    assert not any(q.text.startswith("Harbour Morning") for q in a.quotes), _kinds(a)
    assert any(q.kind == "direct" and "bridge opens in May" in q.text and "Ines Korhonen" in q.speaker
               for q in a.quotes), _kinds(a)


def test_headline_with_its_byline_is_no_quotation(annotated):
    a = annotated(
        "READING LIST—“Old ferry terminal will become a night market,” by the Coastal Herald’s Mira Olsen: "
        "“The terminal closed in 1998 and has stood empty since.”"
    )
    assert not any(q.text.startswith("Old ferry terminal") and q.kind == "direct" for q in a.quotes), _kinds(a)


def test_mixed_clause_ends_before_the_medium_it_was_said_in(annotated):
    a = annotated("Mayor Ines Korhonen called the fare rise “a quiet robbery” in a radio interview on Tuesday.")
    q = next((q for q in a.quotes if "quiet robbery" in q.text), None)
    assert q is not None and q.kind in ("mixed", "direct") and "Ines Korhonen" in q.speaker, _kinds(a)
    assert "interview" not in q.text and "Tuesday" not in q.text, q.text


def test_campaign_name_does_not_continue_the_speaker(annotated):
    a = annotated(
        "“We will keep the ferry running,” Ines Korhonen said. Outside, dozens joined the “Save the Night Ferry” "
        "campaign."
    )
    assert not any(q.text.startswith("Save the Night Ferry") for q in a.quotes), _kinds(a)
    assert any(q.kind == "direct" and "keep the ferry running" in q.text for q in a.quotes), _kinds(a)


def test_quoted_subheading_in_capitals_is_no_quotation(annotated):
    a = annotated(
        "“The ferry will run all winter,” Ines Korhonen said on Monday.",
        "“THE LAST FERRY OF THE SEASON”",
        "Ticket sales rose by a third in the autumn.",
    )
    assert not any(q.text.startswith("THE LAST FERRY") for q in a.quotes), _kinds(a)


def test_quotation_followed_by_an_agent_keeps_its_speaker(annotated):
    a = annotated(
        "“Had it not been for that rescue” by the Coast Guard, Ines Korhonen said on Monday, “we would have "
        "lost the whole crew.”"
    )
    assert any(q.kind == "direct" and q.text.startswith("Had it not been for that rescue") for q in a.quotes), _kinds(a)


def test_reported_place_of_a_finding_is_not_cut_as_a_medium(annotated):
    a = annotated(
        "The auditor said that “serious errors” were found in emails that the harbour office sent last year."
    )
    q = next((q for q in a.quotes if "serious errors" in q.text), None)
    assert q is not None and "sent last year" in q.text, _kinds(a)



def test_a_lone_relative_word_is_no_quote(annotated):
    a = annotated(
        "The largest ferry yet tied up at the new quay on Sunday, opening a season in which the port "
        "expects more than ninety visits."
    )
    assert all(q.text.lower() not in ("which", "what", "who") for q in a.quotes), [q.text for q in a.quotes]


def test_a_day_is_no_reported_content_and_a_clause_does_not_end_on_but(annotated):
    a = annotated(
        "The county and three coastal towns agreed on Thursday to share the cost of the new sea wall.",
        "Pavel Sorokin, the union's chief negotiator, said crews were relieved but warned that the pay "
        "dispute was not over.",
    )
    assert all(q.text != "Thursday" for q in a.quotes), [q.text for q in a.quotes]
    relieved = [q for q in a.quotes if q.text.startswith("crews were relieved")]
    assert relieved and relieved[0].text == "crews were relieved"
    assert any(q.text == "the pay dispute was not over" and q.speaker == "Pavel Sorokin" for q in a.quotes)


def test_a_title_and_a_name_make_a_person_whatever_the_recogniser_says(annotated):
    a = annotated(
        "Councillor Ines Haldor led the opposition to the harbour plan.",
        "Headteacher Owen Marsh said the boat would make the crossing twice a day.",
    )
    people = {p.name: p.roles for p in a.people}
    assert people.get("Owen Marsh") == ("Headteacher",)
    assert people.get("Ines Haldor") == ("Councillor",)


def test_the_writers_impression_of_someone_is_no_quote_of_theirs(annotated):
    a = annotated(
        "Aside from Tuesday night, the mayor appears to be fully enjoying her new role on the ferry board.",
        "Lee seemed ready to joke about the incident before she said the ferry was safe.",
    )
    assert not any(q.cue in ("appears", "seemed") for q in a.quotes), _kinds(a)
    assert [q.text for q in a.quotes if q.cue == "said"] == ["the ferry was safe"], _kinds(a)


def test_a_name_something_is_known_as_is_no_quote(annotated):
    a = annotated(
        "The campaign against the Harbour Militia, also known as the Grey Watch, will go on, Lee said.",
        "The fair, known locally as the Quay Fair, drew thousands of visitors to the harbour.",
    )
    assert not any(q.cue == "known" for q in a.quotes), _kinds(a)
    assert any(q.cue == "said" and q.speaker == "Lee" for q in a.quotes), _kinds(a)


def test_the_writers_words_after_a_quotations_cue_are_not_quoted(annotated):
    a = annotated(
        "“Do not fall,” he said, when a protester seemed to stumble on the quay.",
        "“As mayor, I will not be neutral,” Lee said, in another shot aimed at Brede.",
        "The vote is on Monday.",
    )
    assert [(q.kind, q.text, q.speaker) for q in a.quotes if q.cue == "said" and q.speaker == "Lee"] == [
        ("direct", "As mayor, I will not be neutral", "Lee")
    ], _kinds(a)
