"""Speaker rules, each on fictional sentences: who is credited with what was said."""

from __future__ import annotations


def test_clause_hung_from_an_object_is_said_by_the_verbs_subject(annotated):
    a = annotated(
        "Mayor Ilse Varga and Councillor Tomas Brede met in Dunmore on Friday.",
        "Varga and Brede issued a statement describing their meeting as a constructive first step.",
    )
    described = [q for q in a.quotes if q.cue == "describing"]
    assert described, [(q.cue, q.text) for q in a.quotes]
    assert described[0].speaker in ("Ilse Varga", "Tomas Brede")  # not "a statement"


def test_a_news_agency_credited_in_brackets_is_no_antecedent(annotated, quote_with):
    a = annotated(
        "DUNMORE (Northwire News) — Anna Lindqvist has won the primary abroad.",
        "The party says 4,570 members living abroad cast votes by mail.",
    )
    q = quote_with(a, "members living abroad cast votes")
    assert q.speaker != "Northwire News"
    assert "party" in (q.speaker or "").lower()


def test_an_infinitive_after_a_named_object_is_that_persons(annotated, quote_with):
    a = annotated("The leak of the memos led party chairwoman Ann Lee to announce her resignation from the board.")
    q = quote_with(a, "her resignation from the board")
    assert q.speaker == "Ann Lee"  # not "The leak"


def test_a_critic_or_advocate_is_the_person_the_noun_describes(annotated, quote_with):
    a = annotated(
        "Anna Lindqvist, a former senator and fierce critic of the harbour toll, spoke in Dunmore on Monday.",
        "Tomas Brede has emerged as a leading advocate for a second ferry line.",
    )
    assert quote_with(a, "the harbour toll").speaker == "Anna Lindqvist"
    assert quote_with(a, "a second ferry line").speaker == "Tomas Brede"


def test_a_named_possessor_is_whose_claim_it_is(annotated, quote_with):
    a = annotated(
        "A second-place finish in Dunmore would bolster Anna Lindqvist's claim that she is the strongest "
        "alternative to the mayor."
    )
    q = quote_with(a, "she is the strongest alternative")
    assert q.speaker == "Anna Lindqvist"


def test_a_subject_and_verb_right_after_a_quotation_speak_it_whatever_the_verb(annotated, quote_with):
    a = annotated(
        "“We will open the bridge in May,” said Tomas Brede, the harbour engineer.",
        "“If you ask one more question, I may have to leave the stage,” Anna Lindqvist quipped.",
        "“All the way to the final!” shouted Mara Holt from the stands.",
    )
    assert quote_with(a, "leave the stage").speaker == "Anna Lindqvist"
    assert quote_with(a, "All the way to the final").speaker == "Mara Holt"


def test_the_next_paragraphs_subject_does_not_speak_a_quotation(annotated):
    a = annotated(
        "When the mayor thanked Dunmore, a man in the crowd yelled “Stay there!”",
        "Boos grew louder when Anna Lindqvist began speaking a little later.",
    )
    assert all(q.speaker != "Boos" for q in a.quotes)


def test_a_claim_nobody_holds_is_no_quote_of_the_paragraphs_speaker(annotated, quote_with):
    a = annotated(
        "Anna Lindqvist said the bridge would open in May. The claim that the ferry was late spread quickly "
        "through Dunmore."
    )
    assert quote_with(a, "the bridge would open in May").speaker == "Anna Lindqvist"
    assert not [q for q in a.quotes if "the ferry was late" in q.text and q.speaker == "Anna Lindqvist"]


def test_i_in_a_transcript_turn_is_the_turns_speaker(annotated, quote_with):
    a = annotated(
        "TAPPER: Do you think the ferry will be late again this winter?",
        "FALLIN: I think the ferry will run on time, and I believe the harbour board agrees.",
        "Q: And the tolls?",
    )
    q = quote_with(a, "the ferry will run on time")
    assert q.speaker == "Fallin"
    assert q.speaker_type == "person"


def test_according_to_a_document_credits_its_named_author(annotated, quote_with):
    a = annotated(
        "Ferry traffic across the bay fell by a third last year, according to a report from the Dunmore "
        "Harbour Institute."
    )
    q = quote_with(a, "Ferry traffic across the bay fell")
    assert q.cue == "according to"
    assert "Harbour Institute" in (q.speaker or "")


def test_a_quotation_continues_the_speaker_whose_cue_stands_last(annotated, quote_with):
    a = annotated(
        "Her friends have mocked the harbour plan, calling it “a ferry to nowhere,” Mara Holt said as she "
        "turned around.",
        "“But it is our ferry, and we love it all the same!”",
    )
    assert quote_with(a, "it is our ferry").speaker == "Mara Holt"


def test_who_introduces_a_quotation_with_a_colon(annotated, quote_with):
    a = annotated(
        "After the storm, Mayor Anna Lindqvist issued the following statement:",
        "“We mourn with every family in Dunmore tonight, and we will rebuild the pier.”",
        "Rep. Tomas Brede (D-Westland): “I have not heard anyone other than you ever cite that figure.”",
    )
    assert quote_with(a, "We mourn with every family").speaker == "Anna Lindqvist"
    assert quote_with(a, "I have not heard anyone").speaker == "Tomas Brede"


def test_a_headline_label_before_a_colon_is_no_source(annotated):
    a = annotated("Breaking: Harbour Board Just Made an Unexpected Announcement About the Winter Tolls.")
    assert all((q.speaker or "").lower() != "breaking" for q in a.quotes)


def test_the_governor_is_the_person_the_text_called_gov(annotated, quote_with):
    a = annotated(
        "Westland Gov. Anna Lindqvist visited the broken pier on Monday.",
        "“We will rebuild it before the summer,” the governor said.",
    )
    assert quote_with(a, "We will rebuild it").speaker == "Anna Lindqvist"


def test_a_quotation_set_off_by_dashes_is_not_the_next_subjects(annotated):
    a = annotated(
        "Anna Lindqvist spoke for an hour in the harbour hall.",
        "When Lindqvist finally wrapped up — “I will fight for this town, and I will win for it!” — the "
        "balloons cascaded down on the crowd.",
    )
    assert all("balloons" not in (q.speaker or "") for q in a.quotes)


def test_a_quotation_signed_by_the_next_paragraph_is_that_persons(annotated, quote_with):
    a = annotated(
        "Anna Lindqvist debated Tomas Brede at the harbour hall on Tuesday.",
        "“The ferry has lost money every winter for a decade.”",
        "- Anna Lindqvist.",
        "“Every town on the coast depends on that boat.”",
        "— Brede, at the harbour hall.",
        "“Nobody will ask who paid for the pier.”",
        "– A long night –.",
    )
    assert quote_with(a, "lost money every winter").speaker == "Anna Lindqvist"
    assert quote_with(a, "depends on that boat").speaker == "Tomas Brede"
    assert all(q.speaker != "A" for q in a.quotes)  # a subheading between dashes signs nothing


def test_a_cue_set_off_by_commas_credits_the_phrase_beside_it(annotated, quote_with):
    a = annotated(
        "Councillor Ines Haldor and the harbour board met in Dunmore on Monday.",
        "Any fair reading of the ferry budget, said Ines Haldor, shows a deficit of four million crowns.",
        "The new timetable, a senior aide said, is ready for the board to sign.",
    )
    budget = quote_with(a, "shows a deficit of four million crowns")
    assert budget.speaker == "Ines Haldor"  # not "Any fair reading"
    assert budget.text.startswith("Any fair reading of the ferry budget")  # what she said runs on both sides
    timetable = quote_with(a, "is ready for the board to sign")
    assert timetable.speaker == "a senior aide" and timetable.speaker_type == "anonymous"


def test_a_verb_with_its_object_between_commas_is_no_insertion(annotated, quote_with):
    a = annotated(
        "Councillor Ines Haldor, the chief of staff, urged a strong stand, saying that the council would "
        "otherwise lose the vote."
    )
    assert quote_with(a, "a strong stand").speaker == "Ines Haldor"
    assert quote_with(a, "the council would otherwise lose the vote").speaker == "Ines Haldor"


def test_a_short_sentence_with_a_bare_verb_introduces_the_quotation_after_it(annotated, quote_with):
    a = annotated(
        "“The ferry will pay for itself within a decade,” said Councillor Tomas Brede.",
        "Harbour master Ines Haldor disagreed. “Nobody has shown me the figures for the winter months.”",
    )
    q = quote_with(a, "Nobody has shown me the figures")
    assert q.speaker == "Ines Haldor"  # not a continuation of Brede's words


def test_whoever_a_causative_verb_moves_to_speak_is_the_speaker(annotated, quote_with):
    a = annotated(
        "The sudden closure of the ferry office led many residents to wonder whether the harbour line would survive.",
    )
    q = quote_with(a, "whether the harbour line would survive")
    assert q.speaker == "many residents"  # not "The sudden closure"
    assert q.speaker_type == "anonymous"


def test_a_name_the_parser_takes_for_a_modal_still_speaks(annotated, quote_with):
    a = annotated(
        "Harbour minister Ines May met the ferry board in Dunmore.",
        "May said on Tuesday that the region would pay its share of the new terminal.",
        "“The terminal is overdue,” Will wrote in his column, and the columnist Tomas Will added that the council had waited too long.",
    )
    assert quote_with(a, "would pay its share").speaker == "Ines May"
    assert quote_with(a, "The terminal is overdue").speaker in ("Will", "Tomas Will")


def test_a_name_taken_for_a_modal_before_a_present_tense_verb_still_speaks(annotated, quote_with):
    a = annotated("In his column, Will writes that the toll is unfair to islanders.")
    assert quote_with(a, "the toll is unfair").speaker == "Will"  # not "his column"


def test_a_trailing_participle_belongs_to_the_teller_not_to_the_reported_clause():
    # the parser hangs "adding" from the reported clause; the rules alone must still credit the teller
    from presswatch.nlp.attribution import QuoteConfig, find_quotes
    from presswatch.nlp.people import find_people
    from presswatch.nlp.pipeline import parse_text

    text = (
        "Mayor Tomas Brede told the Gazette that Councillor Ines Haldor “had a crazy plan for the ferries which "
        "was reckless,” adding, “She lost every vote in the harbour.”\n\n"
        "Brede said that Haldor had wasted the ferry money, adding that the council should audit the accounts."
    )
    doc = parse_text(text)
    quotes = find_quotes(doc, text, find_people(doc, text), config=QuoteConfig(speaker_model=False))
    added = [q for q in quotes if q.cue == "adding"]
    assert len(added) == 2, [(q.cue, q.text) for q in quotes]
    assert [q.speaker for q in added] == ["Tomas Brede", "Tomas Brede"]  # not Haldor, the reported clause's subject


def test_a_share_of_people_saying_something_credits_the_people(annotated):
    a = annotated("The proportion of harbour residents saying they want a second ferry is as high as three-quarters in Dunmore.")
    said = [q for q in a.quotes if q.cue == "saying"]
    assert said, [(q.cue, q.text) for q in a.quotes]
    assert "residents" in (said[0].speaker or "")  # not "The proportion"


def test_a_quotation_mark_glued_to_the_speakers_name_still_ends_the_quotation(annotated, quote_with):
    a = annotated(
        "“The ferry timetable has been a mess for a year,”Ines Haldor said. “Nobody has answered my letters.”",
        "Tomas Brede said,“Look, the new timetable starts in May.”",
    )
    assert quote_with(a, "has been a mess for a year").speaker == "Ines Haldor"
    assert quote_with(a, "Nobody has answered my letters").speaker == "Ines Haldor"
    q = quote_with(a, "the new timetable starts in May")
    assert q.speaker == "Tomas Brede" and q.kind == "direct"


def test_a_quotation_nobody_is_given_for_stays_unattributed(annotated, quote_with):
    a = annotated(
        "Ines Haldor said the winter timetable would change in March.",
        "Councillor Tomas Brede opened the meeting in the town hall on Monday.",
        "A banner hung over the door of the hall. Many residents had come early.",
        "“I have waited three years for a straight answer from this council about the winter ferries.”",
    )
    q = quote_with(a, "I have waited three years")
    assert q.kind == "direct"
    assert q.speaker is None  # the text does not say who; the last person named is only a guess


def test_a_label_naming_someones_post_credits_its_owner(annotated, quote_with):
    a = annotated(
        "Councillor Ines Haldor wrote about the ferries again this week.",
        "From Haldor's blog post: The winter timetable leaves the islands without a boat for three days.",
    )
    q = quote_with(a, "leaves the islands without a boat")
    assert q.speaker == "Ines Haldor"  # not "From"


def test_a_digest_quotation_credited_in_brackets_is_the_outlets_excerpt(annotated, quote_with):
    a = annotated(
        "WHAT'S BREWING.",
        "FERRY LINE SAVED AT LAST “The council voted on Tuesday to keep the winter boats running for another five "
        "years.” [Harbour Gazette.]",
        "TOLL PLAN SHELVED “Nobody wanted to be the councillor who raised the bridge toll.” [Northwire | Paywall]",
        "“We will keep fighting for the islands,” Ines Haldor told the crowd. [Applause]",
    )
    gazette = quote_with(a, "keep the winter boats running")
    assert (gazette.speaker, gazette.speaker_type, gazette.kind) == ("Harbour Gazette", "org", "direct")
    assert quote_with(a, "raised the bridge toll").speaker == "Northwire"
    assert quote_with(a, "keep fighting for the islands").speaker == "Ines Haldor"  # a note is no credit


def test_a_tag_the_parser_reads_as_a_noun_phrase_still_names_the_source(annotated, quote_with):
    a = annotated(
        "“If she wants to lead the region, Ines Haldor should come to the islands,” the editorial read. "
        "The Harbour Gazette has backed the ferry plan for years."
    )
    q = quote_with(a, "should come to the islands")
    assert q.speaker == "the editorial" and q.kind == "direct"


def test_the_court_is_not_whichever_organisation_was_named_last(annotated, quote_with):
    a = annotated("Ann Lee spoke to the Dunmore Herald on Monday. The court said the ferry contract was void.")
    assert quote_with(a, "the ferry contract was void").speaker == "The court"  # not "Dunmore Herald"


def test_the_court_refers_back_to_a_court_named_before(annotated, quote_with):
    a = annotated("Lee appealed to the Harbour Court of Vesta on Monday. The court said the ferry contract was void.")
    assert "Harbour Court" in quote_with(a, "the ferry contract was void").speaker


def test_the_company_refers_back_to_any_company_named_before(annotated, quote_with):
    a = annotated("Ann Lee has worked at Norrland Shipping since 2009. The company said the ferry contract was void.")
    assert quote_with(a, "the ferry contract was void").speaker == "Norrland Shipping"


def test_with_a_person_doing_the_asking(annotated, quote_with):
    a = annotated("The hearing ended with Ann Lee asking Tom Park whether the ferry would run in winter.")
    assert quote_with(a, "whether the ferry would run").speaker == "Ann Lee"  # not "The hearing"


def test_people_a_gerund_hangs_from_say_it(annotated, quote_with):
    a = annotated("The leaked file included harbour officials suggesting the toll should be doubled.")
    assert quote_with(a, "the toll should be doubled").speaker == "harbour officials"  # not "The leaked file"


def test_left_people_wondering(annotated, quote_with):
    a = annotated("The long delay has left many residents of Dunmore wondering whether the bridge will ever open.")
    assert "residents" in quote_with(a, "whether the bridge will ever open").speaker  # not "The long delay"


def test_people_addressed_by_a_gerund_message_are_not_its_speakers(annotated, quote_with):
    a = annotated("Anna Lindqvist emailed supporters saying the fight for the ferry would go on.")
    assert quote_with(a, "the fight for the ferry").speaker == "Anna Lindqvist"


def test_a_subject_the_parser_hung_from_a_participle_still_says_the_main_verb(annotated, quote_with):
    a = annotated("Lee, later alleging that Mayor Tom Park wanted a toll, said he would resist the plan.")
    assert quote_with(a, "he would resist the plan").speaker == "Lee"  # not "Tom Park"


def test_a_counted_subject_of_the_cue_keeps_its_words(annotated, quote_with):
    a = annotated(
        "The second is that significant numbers of harbour workers decide they cannot stomach either candidate.",
        "The ferry plan has caused many to wonder if a cheaper route exists.",
    )
    assert quote_with(a, "cannot stomach either candidate").speaker == "significant numbers of harbour workers"  # not "The second"
    assert quote_with(a, "a cheaper route exists").speaker == "many"  # not "The ferry plan"


def test_a_count_names_whom_it_counts(annotated, quote_with):
    a = annotated("A majority of the harbour council said the toll should go.")
    assert quote_with(a, "the toll should go").speaker == "A majority of the harbour council"  # not "A majority"


def test_the_speaker_after_an_inverted_tag_is_no_object(annotated, quote_with):
    a = annotated("“How big is the ferry?” asked the boy, who was wearing a red cap and said his name was Tom.")
    assert quote_with(a, "How big is the ferry?").speaker == "the boy"
    assert quote_with(a, "his name was Tom").speaker == "the boy"
    assert not [q for q in a.quotes if "red cap" in q.text]  # the boy is who asked, not what was asked


def test_all_or_both_stands_for_the_phrase_before_it(annotated, quote_with):
    a = annotated(
        "Two harbour figures — whose party was once known for its discipline — both suggested the toll be scrapped.",
        "Ann Lee and Tom Park have each said the bridge is unsafe.",
    )
    assert quote_with(a, "the toll be scrapped").speaker == "Two harbour figures"  # not "both"
    assert quote_with(a, "the bridge is unsafe").speaker == "Ann Lee"  # not "each"


def test_he_and_she_skip_a_person_the_article_calls_mrs_or_mr(annotated, quote_with):
    a = annotated(
        "Mr. Tom Park met Mrs. Ann Lee on Monday. Mr. Park spoke first. She said the toll was unfair.",
        "Mrs. Ann Lee met Mr. Tom Park again on Friday. Mrs. Lee spoke first. He said the bridge was safe.",
    )
    assert quote_with(a, "the toll was unfair").speaker == "Ann Lee"
    assert quote_with(a, "the bridge was safe").speaker == "Tom Park"


def test_the_answers_of_a_printed_interview_are_the_interviewees(annotated, quote_with):
    a = annotated(
        "Harbour master Tomas Brede has run the Dunmore port for eleven years. He spoke to the Herald about the strike.",
        "Q: Will the ferry run this winter?",
        "A: I think it will run, but the crews need a fair contract before the first storms arrive.",
        "Q: What about the tolls?",
        "A: The tolls will stay where they are until the council decides otherwise.",
    )
    assert quote_with(a, "The tolls will stay").speaker == "Tomas Brede"
    answer = quote_with(a, "I think it will run")
    assert answer.speaker == "Tomas Brede" and answer.text.endswith("before the first storms arrive.")  # all of it
    assert answer.kind == "direct"  # printed verbatim, though without quotation marks
    assert not [q for q in a.quotes if q.speaker in ("A", "I")]
    question = quote_with(a, "What about the tolls")
    assert (question.speaker, question.speaker_type) == ("the interviewer", "anonymous")  # no person called Q


def test_words_an_answer_reports_from_someone_else_stay_theirs(annotated, quote_with):
    a = annotated(
        "Mayor Dana Holt spoke to the Herald about the ferry.",
        "Q: Is the service safe?",
        "A: The inspectors told me the boats were sound, and I believe them.",
    )
    reported = [q for q in a.quotes if q.text == "the boats were sound"]
    assert [q.speaker for q in reported] == ["The inspectors"]
    assert quote_with(a, "The inspectors told me").speaker == "Dana Holt"


def test_a_question_in_a_transcript_is_the_askers(annotated, quote_with):
    a = annotated(
        "TAPPER: Do you think the ferry will be late again this winter?",
        "FALLIN: I think the ferry will run on time, and I believe the harbour board agrees.",
    )
    assert quote_with(a, "the ferry will be late again").speaker == "Tapper"  # not "you"
    assert quote_with(a, "the ferry will run on time").speaker == "Fallin"


def test_words_said_jointly_are_listed_for_each_speaker(annotated):
    a = annotated(
        "Board chair Ines Haldor and union secretary Tom Brede said the deal would keep every ferry running.",
        "“Nobody walked away with everything,” Haldor and Brede said in a joint statement. “The boats will sail on Monday.”",
        "Ann Lee and her aides said the plan had failed.",
    )
    for fragment in ("the deal would keep", "Nobody walked away", "The boats will sail"):
        same = [q for q in a.quotes if fragment in q.text]
        assert [q.speaker for q in same] == ["Ines Haldor", "Tom Brede"], fragment
        assert len({(q.start, q.end, q.kind) for q in same}) == 1
    brede = [q for q in a.quotes if q.speaker == "Tom Brede"][0]
    assert brede.speaker_role == "union secretary"
    # "her aides" is nobody named: one quote, Lee's, with her companions in the speaker's name
    assert [q.speaker for q in a.quotes if "the plan had failed" in q.text] == ["Ann Lee and her aides"]


def test_a_pronoun_speaking_with_companions_keeps_them(annotated, quote_with):
    a = annotated(
        "Ann Lee chairs the ferry board.",
        "She and her defenders argue that the ferry is safe. Both she and her deputy promised to stay on.",
        "Lee said she and other members of the board would not resign.",
    )
    argued = quote_with(a, "the ferry is safe")
    assert (argued.speaker, argued.speaker_type, argued.speaker_role) == ("Ann Lee and her defenders", "person", None)
    assert quote_with(a, "to stay on").speaker == "Ann Lee and her deputy"
    # the companions of a subject inside the reported clause are not the reporter's
    assert quote_with(a, "would not resign").speaker == "Ann Lee"


def test_a_following_quotation_continues_the_outer_report_not_an_event_nested_in_it(annotated, quote_with):
    a = annotated(
        "The harbour board issued a statement apologizing to the crews for the emails, which included staff "
        "members suggesting someone should question the captain’s loyalty.",
        "“On behalf of everyone at the board, we want to offer a sincere apology to the crews and their families.”",
    )
    q = quote_with(a, "On behalf of everyone at the board")
    assert q.speaker == "The harbour board" and q.kind == "direct"  # not "someone"


def test_the_listener_after_a_quotation_is_not_the_speaker(annotated, quote_with):
    a = annotated(
        "Ann Lee has hailed the vote as “fantastic,” telling reporters on Friday that the result is “a great thing.”",
        "“How big is the ferry?” asked the boy.",
    )
    assert quote_with(a, "the result is").speaker == "Ann Lee"  # not "reporters"
    assert quote_with(a, "How big is the ferry").speaker == "the boy"  # an inverted speaker still speaks


def test_a_cue_in_the_writers_aside_after_a_dash_is_not_the_quotations(annotated, quote_with):
    a = annotated(
        "“The key group is the night-shift crews,” said Ines Haldor, chair of the ferry union. “Lee has to keep "
        "their support. Brede has to do the two-step” - building his name and then convincing voters he can deliver."
    )
    assert quote_with(a, "Lee has to keep their support").speaker == "Ines Haldor"  # not "voters"


def test_words_named_inside_someone_elses_report_are_the_namers(annotated, quote_with):
    a = annotated("Dunmore sought the regatta in the hopes of shedding what Ines Haldor called “a perception problem.”")
    named = [q for q in a.quotes if q.text.startswith("a perception problem")]
    assert [(q.speaker, q.cue, q.kind) for q in named] == [("Ines Haldor", "called", "direct")]


def test_a_named_persons_aide_or_supporters_are_not_that_person(annotated, quote_with):
    a = annotated(
        "Ann Lee spoke at the harbour on Sunday.",
        "“We are not done,” a top Lee aide said on Monday.",
        "Ann Lee supporters later said the vote had been rigged against her.",
    )
    aide = quote_with(a, "We are not done")
    assert aide.speaker == "a top Lee aide" and aide.speaker_type == "anonymous"
    supporters = quote_with(a, "the vote had been rigged")
    assert supporters.speaker != "Ann Lee" and "supporters" in (supporters.speaker or "")


def test_a_weekday_before_the_cue_is_never_taken_for_its_speaker():
    # "Voters going to the polls Tuesday say ...": the parser left "say" without a subject, and the
    # name-before-the-cue fallback took the day
    from spacy.tokens import Doc

    from presswatch.nlp.pipeline import load_nlp
    from presswatch.nlp.attribution.speakers.rules import name_before

    words = ["Voters", "going", "to", "the", "polls", "Tuesday", "say", "they", "are", "satisfied", "."]
    doc = Doc(
        load_nlp().vocab, words=words, heads=[1, 1, 1, 4, 2, 1, 1, 8, 6, 8, 1],
        deps=["nsubj", "ROOT", "prep", "det", "pobj", "npadvmod", "dep", "nsubj", "ccomp", "acomp", "punct"],
        pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "PROPN", "VERB", "PRON", "AUX", "ADJ", "PUNCT"],
    )
    assert name_before(doc[6], []) is None
    named = Doc(load_nlp().vocab, words=["“", "Yes", ",", "”", "Ramos", "said", "."], pos=["PUNCT", "INTJ", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"])
    assert name_before(named[5], []).text == "Ramos"


def test_the_person_named_in_a_titles_of_phrase_is_the_speaker_with_that_role(annotated, quote_with):
    a = annotated("Speaker of the House Rep. Tom Brede (R-WI) said the harbour bill would pass.")
    q = quote_with(a, "the harbour bill would pass")
    assert q.speaker == "Tom Brede" and q.speaker_type == "person"
    brede = next(p for p in a.people if p.name == "Tom Brede")
    assert "Speaker of the House" in brede.roles and not any("House Rep" in r for r in brede.roles), brede.roles


def test_a_party_tag_the_parser_took_for_the_subject_stands_for_the_name(parsed):
    from presswatch.nlp.people import find_people
    from presswatch.nlp.attribution.speakers.resolve import resolve_speaker

    # "Sen. Ann Lee (D-OR) said" with the tag's "OR" as the only subject-like word near the verb
    doc = parsed("""
        Sen. NNP PROPN compound 2 Sen.
        Ann NNP PROPN compound 2 Ann
        Lee NNP PROPN npadvmod 8 Lee
        ( -LRB- PUNCT punct 6 (
        D NNP PROPN compound 6 D
        - HYPH PUNCT punct 6 -
        OR NNP PROPN appos 2 OR
        ) -RRB- PUNCT punct 2 )
        said VBD VERB ROOT 8 say
        it PRP PRON nsubj 10 it
        failed VBD VERB ccomp 8 fail
        . . PUNCT punct 8 .
    """, people=((1, 3),))
    people = find_people(doc, doc.text)
    assert resolve_speaker(doc[6], people).name == "Ann Lee"


def test_people_named_after_a_colon_in_the_report_neither_say_it_nor_leave_it(parsed, quotes_of):
    # the parser hung the list after the colon from the subject, "Varga"
    doc = parsed("""
        Varga NNP PROPN nsubj 1 Varga
        said VBD VERB ROOT 1 say
        he PRP PRON nsubj 3 he
        knew VBD VERB ccomp 1 know
        two CD NUM nummod 5 two
        men NNS NOUN dobj 3 man
        : : PUNCT punct 1 :
        Haldor NNP PROPN appos 0 Haldor
        and CC CCONJ cc 7 and
        Brede NNP PROPN conj 7 Brede
        . . PUNCT punct 1 .
    """, people=((0, 1), (7, 8), (9, 10)))
    said = [q for q in quotes_of(doc) if q.cue == "said"]
    assert said and {q.speaker for q in said} == {"Varga"}, [(q.speaker, q.text) for q in said]
    assert said[0].text == "he knew two men : Haldor and Brede"


def test_an_age_standing_for_a_person_is_the_speaker_not_a_date(annotated):
    a = annotated(
        "Ann Lee told the crowd in Dunmore that the ferry would run.",
        "“Tom has always been a fine skipper, and he always will be,” said the 46-year-old. “Now he will sail for you.”",
    )
    quoted = [q for q in a.quotes if "fine skipper" in q.text or "sail for you" in q.text]
    assert len(quoted) == 2 and {q.speaker for q in quoted} == {"the 46-year-old"}, [(q.speaker, q.text) for q in a.quotes]


def test_a_subject_read_as_the_object_of_after_or_as_still_speaks(annotated, quote_with, parsed, quotes_of):
    a = annotated('The dispute had started on Friday after Mr. Brede, asked about the closed piers, had said, "I think the board does plenty of damage too."')
    assert quote_with(a, "plenty of damage too").speaker == "Brede"
    doc = parsed("""
        Tempers NNS NOUN nsubj 1 temper
        rose VBD VERB ROOT 1 rise
        as IN ADP prep 1 as
        Lee NNP PROPN pobj 2 Lee
        , , PUNCT punct 3 ,
        the DT DET det 6 the
        mayor NN NOUN appos 3 mayor
        , , PUNCT punct 3 ,
        attacked VBD VERB advcl 1 attack
        the DT DET det 10 the
        plan NN NOUN dobj 8 plan
        . . PUNCT punct 1 .
    """, people=((3, 4),))
    attacked = next(q for q in quotes_of(doc) if q.cue == "attacked")
    assert attacked.speaker == "Lee"
