"""Each quote construction, on fictional sentences."""

from __future__ import annotations

from presswatch.nlp.attribution import find_quoted_spans


def _offsets_hold(article):
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text


def test_quotation_marks_of_every_style_are_paired():
    text = (
        'He said "straight marks here" and “curly marks here” and «guillemets here».\n\n'
        "NYT style: ``doubled backticks here,'' she said.\n\n"
        "“A broken closing mark at the end. “"
    )
    inner = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert inner == [
        "straight marks here",
        "curly marks here",
        "guillemets here",
        "doubled backticks here,",
        "A broken closing mark at the end.",
    ]


def test_open_quotation_runs_to_the_end_of_its_paragraph():
    text = "“The first paragraph of a long quotation\n\n“and its last one,” she said."
    inner = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert inner == ["The first paragraph of a long quotation", "and its last one,"]


def test_direct_quote_with_named_speaker_and_role(annotated, quote_with):
    a = annotated(
        "Marta Velkova, the mayor of Dunmore, opened the new bridge on Monday.",
        "“This bridge will carry the town into the next century,” Velkova said.",
    )
    q = quote_with(a, "This bridge will carry")
    assert (q.kind, q.cue, q.speaker, q.speaker_type) == ("direct", "said", "Marta Velkova", "person")
    assert q.speaker_role == "mayor of Dunmore"
    _offsets_hold(a)


def test_split_quote_and_uncued_continuation_keep_the_speaker(annotated, quote_with):
    a = annotated(
        "“We planted four hundred trees,” said Owen Harcastle, a gardener from Lindfield. "
        "“Most of them are oaks.”",
    )
    first = quote_with(a, "four hundred trees")
    second = quote_with(a, "Most of them are oaks")
    assert first.speaker == second.speaker == "Owen Harcastle"
    assert first.kind == second.kind == "direct"
    assert second.speaker_role == "gardener from Lindfield"


def test_quote_continuing_in_the_next_paragraph_keeps_the_speaker(annotated, quote_with):
    a = annotated(
        "“The harbour has never been busier,” said Ines Morrow, the harbour master.",
        "“We will need a second pier before the summer is out.”",
    )
    q = quote_with(a, "second pier")
    assert q.speaker == "Ines Morrow"


def test_indirect_quote_with_that_clause(annotated, quote_with):
    a = annotated("Farmer Thomas Quell warned that the late frost would ruin the apple harvest.")
    q = quote_with(a, "late frost")
    assert (q.kind, q.cue, q.speaker) == ("indirect", "warned", "Thomas Quell")
    assert not q.text.startswith("that")


def test_indirect_quote_without_that(annotated, quote_with):
    a = annotated("Clara Benn said the library would stay open until midnight during exams.")
    q = quote_with(a, "library would stay open")
    assert (q.kind, q.speaker) == ("indirect", "Clara Benn")


def test_according_to(annotated, quote_with):
    a = annotated("The ferry will stop running in October, according to the Coastal Transport Authority.")
    q = quote_with(a, "ferry will stop running")
    assert q.cue == "according to"
    assert q.speaker == "Coastal Transport Authority"
    assert q.speaker_type == "org"


def test_a_poll_frames_the_finding_it_reports(annotated):
    a = annotated(
        "In a Harbour Times poll released Monday, 60 percent of islanders said the ferry should keep running.",
        "In a new study, the Kestrel Institute found that fares had doubled since 2019.",
    )
    by_speaker = {q.speaker: q for q in a.quotes}
    poll = by_speaker["a Harbour Times poll"]
    assert poll.text == "60 percent of islanders said the ferry should keep running"
    assert poll.cue == "in"
    # the islanders' own words stay theirs, nested in the poll's finding
    assert by_speaker["60 percent of islanders"].text == "the ferry should keep running"
    # a named author who found something speaks for the study
    assert by_speaker["Kestrel Institute"].text == "fares had doubled since 2019"
    assert not any("study" in (q.speaker or "") for q in a.quotes)


def test_what_a_remark_was_said_of_is_no_quote(annotated, quote_with):
    a = annotated(
        "“It is fine,” Lee said of the timetable. “And much tougher than that would be fine too.”",
        "Brede wrote about the strike in her column and said to reporters that it would end soon.",
    )
    texts = [q.text for q in a.quotes]
    assert "the timetable" not in texts and "the strike" not in texts and "reporters" not in texts
    assert quote_with(a, "much tougher").speaker == "Lee"
    assert quote_with(a, "it would end soon").cue == "said"


def test_a_headline_label_speaks_the_whole_claim_even_with_a_cue_inside(annotated, quote_with):
    a = annotated(
        "Haldor: Lee should have congratulated me for keeping the ferry running.",
        "Editor's note: An earlier version of this article misstated the date of the vote.",
    )
    claim = quote_with(a, "Lee should have congratulated me")
    assert (claim.speaker, claim.cue) == ("Haldor", ":")
    assert not any("earlier version" in q.text for q in a.quotes)


def test_a_headline_label_is_not_the_person_its_claim_names(annotated, quote_with):
    a = annotated(
        "Poll: Ann Lee Ties Tom Brede With Ines Haldor in a Three-Way Contest.",
        "Harbour frontrunner Ann Lee does better than expected.",
    )
    assert quote_with(a, "Ann Lee Ties Tom Brede").speaker == "Poll"  # not "Tom Brede"


def test_a_headline_label_the_recogniser_ran_into_its_claim_is_named_without_it(annotated, quote_with):
    a = annotated("De Vries: Trust the harbour master on safety, not the blowhard Brede.")
    assert quote_with(a, "Trust the harbour master").speaker == "De Vries"  # not "De Vries: Trust"


def test_a_campaign_named_after_a_person_speaks_for_itself_and_the_credit_is_no_content(annotated, quote_with):
    a = annotated(
        "Ann Lee is running for the harbour board.",
        "The Lee campaign announced last week that it hired a new spokeswoman, who has been outspoken, "
        "according to Northwire.",
    )
    hired = next(q for q in a.quotes if q.cue == "announced")
    assert (hired.speaker, hired.speaker_type) == ("The Lee campaign", "org")
    assert hired.text.endswith("who has been outspoken")  # Northwire's credit is not the campaign's
    assert quote_with(a, "The Lee campaign announced").speaker == "Northwire"


def test_a_report_credited_at_the_end_of_its_sentence_holds_the_whole_sentence(annotated):
    a = annotated(
        "Ines Haldor said the ferry would run on time, the Harbour Times reported.",
        "Asked about the strike, Ann Lee said: “There will always be exceptions,” the Harbour Times reported.",
    )
    by = {(q.speaker, q.cue): q.text for q in a.quotes}
    assert by[("Ines Haldor", "said")] == "the ferry would run on time"
    assert by[("Ann Lee", "said")] == "There will always be exceptions"
    reported = sorted(q.text for q in a.quotes if q.speaker == "Harbour Times")
    assert reported[0].startswith("Asked about the strike, Ann Lee said: “There will always be exceptions,”")
    assert reported[1] == "Ines Haldor said the ferry would run on time"


def test_a_headline_addressed_to_listeners_is_the_speakers(annotated, quote_with):
    a = annotated("Haldor to dock workers: the strike must end before the winter timetable starts.")
    q = quote_with(a, "the strike must end")
    assert (q.speaker, q.cue) == ("Haldor", ":")
    # a topic label speaks no one's words
    b = annotated(
        "Road to recovery: the harbour reopens after the storm damage is repaired.",
        "Voter participation: turnout in the harbour wards fell to a record low this spring.",
    )
    assert not b.quotes


def test_a_paragraph_introduced_with_a_colon_is_the_speakers_without_marks(annotated, quote_with):
    a = annotated(
        "In the text accompanying the video, Ines Haldor wrote:",
        "I think this prayer timely, as the polls are showing a slipping of support for the ferry plan.",
        "The board met on Monday:",
        "Members voted to keep the timetable for another year and to review the fares in spring.",
    )
    block = quote_with(a, "I think this prayer timely")
    assert (block.speaker, block.cue) == ("Ines Haldor", "wrote")
    assert not any(q.text.startswith("Members voted") for q in a.quotes)  # "met" says nothing


def test_mixed_quote(annotated, quote_with):
    a = annotated(
        "Rosa Ekdahl said the new timetable was “a gift to commuters who start early” and would last a year."
    )
    q = quote_with(a, "new timetable")
    assert q.kind == "mixed"
    assert q.speaker == "Rosa Ekdahl"


def test_surname_and_pronoun_resolve_to_the_full_name(annotated, quote_with):
    a = annotated(
        "Ludmila Ferrante has run the bakery on Quay Street for thirty years.",
        "Ferrante said that bread prices would rise again in the spring.",
        "She added that the bakery would hire two apprentices.",
    )
    assert quote_with(a, "bread prices").speaker == "Ludmila Ferrante"
    assert quote_with(a, "two apprentices").speaker == "Ludmila Ferrante"


def test_definite_description_resolves_to_the_organisation(annotated, quote_with):
    a = annotated(
        "The Northern Rail Union met the operators on Tuesday.",
        "The union said that its members would strike next month unless wages rose.",
    )
    q = quote_with(a, "would strike next month")
    assert q.speaker == "Northern Rail Union"
    assert q.speaker_type == "org"


def test_unnamed_sources_are_anonymous(annotated, quote_with):
    a = annotated(
        "The council will close the old pool next year, a source said.",
        "Officials said the new pool would open in 2031.",
    )
    q1 = quote_with(a, "close the old pool")
    q2 = quote_with(a, "new pool would open")
    assert (q1.speaker, q1.speaker_type) == ("a source", "anonymous")
    assert (q2.speaker, q2.speaker_type) == ("Officials", "anonymous")


def test_scare_quotes_and_titles_are_not_quotes(annotated):
    a = annotated('The choir sang "Winter Lights Over Harrow" at the festival, the organisers said.')
    assert not any(q.text == "Winter Lights Over Harrow" for q in a.quotes)


def test_surname_the_recogniser_calls_an_organisation_still_resolves(annotated, quote_with):
    a = annotated(
        "Olga Vetrova, the harbour minister, met the ferry crews on Monday.",
        "Vetrova said the strike would end before the first snow.",
    )
    q = quote_with(a, "strike would end")
    assert (q.speaker, q.speaker_type) == ("Olga Vetrova", "person")
    assert q.speaker_role == "harbour minister"


def test_doubled_apostrophes_on_both_sides_are_quotation_marks():
    text = "''We will rebuild the pier,'' the mayor said. ''It will take a year.''"
    inner = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert inner == ["We will rebuild the pier,", "It will take a year."]


def test_object_and_preposition_cues(annotated, quote_with):
    a = annotated(
        "Maria Lopez criticized the new parking rules on Tuesday.",
        "John Baker called for a recount of the ballots in the northern district.",
    )
    assert quote_with(a, "new parking rules").speaker == "Maria Lopez"
    assert quote_with(a, "recount of the ballots").speaker == "John Baker"
    assert {q.kind for q in a.quotes} == {"indirect"}


def test_colon_introduction_and_headline_style(annotated, quote_with):
    a = annotated(
        "Senator Paul Grant told the committee:",
        "“The budget leaves the rural clinics without a single new doctor.”",
        "Grant: the clinics will close by winter unless the budget changes.",
    )
    intro = quote_with(a, "rural clinics")
    assert (intro.kind, intro.speaker) == ("direct", "Paul Grant")
    headline = quote_with(a, "clinics will close")
    assert headline.speaker == "Paul Grant" and headline.cue == ":"


def test_they_resolves_to_the_group_just_named(annotated, quote_with):
    a = annotated("Dairy farmers gathered outside the town hall on Monday. They said that milk prices were too low.")
    q = quote_with(a, "milk prices")
    assert q.speaker == "Dairy farmers" and q.speaker_type == "anonymous"


def test_said_with_a_bare_clause_after_a_subject_with_an_apposition(annotated, quote_with):
    # the quotation that ends the paragraph before must not hide the clause: the parser can run
    # the sentence over the paragraph break and hang that quotation from "said" as well
    article = annotated(
        "“The bridge tolls will stay where they are,” Tomas Reller said at the depot. “Nobody wins a toll war. “",
        "Ilse Brandt, the drivers' chief steward, said the proposal ignored the night shifts that keep the "
        "depot open.",
    )
    quote = quote_with(article, "the proposal ignored the night shifts")
    assert quote.kind == "indirect" and quote.cue == "said"
    assert quote.speaker == "Ilse Brandt" and quote.speaker_role == "drivers' chief steward"
    _offsets_hold(article)


def test_reported_events_inside_reported_speech_are_not_separate_quotes(annotated, quote_with):
    article = annotated(
        "Port Commissioner Lena Harrow said the council had granted the pilots a pay rise last spring "
        "and blamed the harbour board for the delays."
    )
    outer = quote_with(article, "the council had granted the pilots a pay rise")
    assert outer.speaker == "Lena Harrow" and outer.cue == "said"
    cues = [q.cue for q in article.quotes]
    assert "granted" not in cues
    assert not any(q.speaker == "the council" for q in article.quotes)


def test_speech_cue_inside_reported_speech_stays_a_quote_of_its_own(annotated):
    article = annotated("Lena Harrow said the pilots' union warned that ships would queue outside the port for days.")
    inner = [q for q in article.quotes if q.cue == "warned"]
    assert inner and inner[0].text.startswith("ships would queue outside the port")


def test_passive_speech_verb_takes_the_agent_as_speaker(annotated, quote_with):
    article = annotated(
        "Mayor Ruth Ansel opened the new tram line on Friday.",
        "Ansel was criticized by Councillor Piet Marron for delaying the night services by a year.",
    )
    quote = quote_with(article, "delaying the night services")
    assert quote.speaker == "Piet Marron"


def test_subject_of_likely_to_say_is_the_speaker(annotated, quote_with):
    article = annotated("Rural voters are far more likely to say that the ferry fares are too high.")
    quote = quote_with(article, "the ferry fares are too high")
    assert quote.speaker == "Rural voters"


def test_supporters_of_are_the_holders_of_the_view(annotated, quote_with):
    article = annotated("Greta Lind is one of the most vocal supporters of the tunnel plan.")
    quote = quote_with(article, "the tunnel plan")
    assert quote.speaker == "Greta Lind"


def test_name_before_the_colon_speaks_the_quotation(annotated, quote_with):
    article = annotated(
        "The size of the swing does not surprise harbour economist Nils Aberg: “Fares rose twice in one "
        "winter, and commuters remember that.”"
    )
    quote = quote_with(article, "Fares rose twice in one winter")
    assert quote.speaker == "Nils Aberg"


def test_name_between_two_quotations_speaks_the_second_with_any_verb(annotated, quote_with):
    article = annotated(
        "The mayor promised a new timetable for the ferries.",
        "“You heard what she promised?” Mara Holt went on, barely pausing. “Then the council must put it "
        "in writing before the ice comes.”",
    )
    quote = quote_with(article, "Then the council must put it in writing")
    assert quote.speaker == "Mara Holt"


def test_title_subject_with_the_name_hung_from_it_resolves_to_the_name(annotated):
    article = annotated(
        "Ferry operator and former harbour pilot Sven Olander responded on Sunday to claims that the boats "
        "were unsafe."
    )
    assert any(q.speaker == "Sven Olander" for q in article.quotes), [(q.speaker, q.text) for q in article.quotes]


def test_dummy_it_is_no_organisation(annotated):
    article = annotated(
        "The Harbour Authority opened the new terminal in March.",
        "It is too early to predict whether the ferries will be full this winter, said Tove Rask, who runs "
        "the ticket office.",
    )
    predicted = [q for q in article.quotes if "ferries will be full" in q.text]
    assert predicted and all(q.speaker != "Harbour Authority" for q in predicted)


def test_reported_clause_follows_the_cue_when_a_fronted_clause_also_hangs_from_it(annotated):
    # the parser hangs "suspended her campaign" from "said" as a second clause
    article = annotated(
        "In a statement issued soon after the Oslo governor suspended her campaign, Ola Brink said she’s "
        "certain Lund will remain “a champion of the river.”"
    )
    assert any(q.speaker == "Ola Brink" and "certain Lund" in q.text for q in article.quotes)
    assert not any("governor suspended her campaign" in q.text for q in article.quotes)


def test_calling_it_a_quoted_description_is_a_mixed_quote(annotated):
    article = annotated(
        "Councillor Ebba Strand attacked the fare rise on Monday, calling it an unfair burden and “a tax on "
        "the night shift.”"
    )
    assert any(q.kind == "mixed" and "an unfair burden" in q.text and q.speaker == "Ebba Strand"
               for q in article.quotes), [(q.kind, q.text, q.speaker) for q in article.quotes]


def test_question_quotation_is_spoken_by_the_short_sentence_after_it(annotated, quote_with):
    # the parser ends the sentence at "?”", so "Lina Voss asked reporters" is a sentence of its own
    article = annotated(
        "The ferry company raised its fares for the third time this year.",
        "“Who on this island can still pay for a ticket to the mainland?” Lina Voss asked reporters.",
        "“They told us, ‘Wait for the new boats!’” Maria Lind said.",
    )
    question = quote_with(article, "Who on this island can still pay")
    assert (question.kind, question.cue, question.speaker) == ("direct", "asked", "Lina Voss")
    assert not any(q.text == "reporters" for q in article.quotes)
    assert quote_with(article, "They told us").speaker == "Maria Lind"
    _offsets_hold(article)


def test_a_sentence_after_a_question_that_reports_its_own_clause_does_not_take_the_question(annotated, quote_with):
    article = annotated(
        "“Who on this island can still pay for a ticket to the mainland?” Then Lina Voss said that the "
        "company would cut the fares in spring."
    )
    assert quote_with(article, "cut the fares").speaker == "Lina Voss"
    assert all(q.cue != "said" for q in article.quotes if "Who on this island" in q.text)


def test_any_verb_right_before_the_opening_comma_or_colon_names_the_speaker(annotated, quote_with):
    # "cracked", "gloated" are no cue words; the quotation still belongs to the subject introducing it
    article = annotated(
        "Harbour master Tom Baker called his rival ''totally scripted and kind of robotic.''",
        "During the first debate, Maria Lind cracked, ''I'm a sailor, but I'm a sailor who likes to get "
        "the boats running.''",
        "And Tom Baker gloated: ''I told you she wouldn't be ready.''",
    )
    assert quote_with(article, "a sailor who likes").speaker == "Maria Lind"
    assert quote_with(article, "wouldn't be ready").speaker == "Tom Baker"
    _offsets_hold(article)


def test_a_verb_with_an_unnamed_subject_before_a_comma_lends_no_speaker(annotated):
    article = annotated(
        "Maria Lind spoke to the crews at dawn.",
        "After the ferry docked, the sky cleared, “and nobody on this island has seen a storm like that in "
        "years.”",
    )
    assert all(q.speaker != "the sky" for q in article.quotes)


def test_the_board_is_not_an_organisation_named_inside_the_quotation_it_speaks(annotated, quote_with):
    article = annotated(
        "The harbour board met on Monday and rejected both complaints.",
        "“Nordic Ferries Inc. has met every rule set for its licence in this harbour,” the board "
        "said.",
    )
    quote = quote_with(article, "met every rule set for its licence")
    assert quote.speaker != "Nordic Ferries Inc."
    assert "board" in quote.speaker.lower()


def test_a_name_between_a_dash_and_the_colon_is_the_source_of_a_roundup_item(annotated, quote_with):
    article = annotated(
        "Ferry numbers fell again this spring.",
        "Pollsters agree - Maria Lind: “One of the biggest lessons was a simple one: keep on counting the "
        "passengers as late as possible.”",
        "What that means for the summer - More from Tom Baker: “The islands will need two more boats.”",
    )
    assert quote_with(article, "biggest lessons").speaker == "Maria Lind"
    assert quote_with(article, "two more boats").speaker == "Tom Baker"
    assert not any(q.text == "Maria Lind" for q in article.quotes)
    _offsets_hold(article)


def test_verbs_of_saying_too_rare_to_learn_still_tag_quotations(annotated, quote_with):
    a = annotated(
        "“Drivers should leave their cars at home,” opined the Dunmore Herald.",
        "Ann Lee groused to a crowd in Dunmore that the Herald “never treats me fairly” before leaving.",
    )
    opined = quote_with(a, "leave their cars at home")
    assert opined.speaker.endswith("Dunmore Herald") and opined.cue == "opined"
    groused = quote_with(a, "never treats me fairly")
    assert (groused.speaker, groused.cue, groused.kind) == ("Ann Lee", "groused", "mixed")


def test_an_as_clause_of_saying_vouches_for_the_clause_around_it(annotated, quote_with):
    a = annotated(
        "As Joel Varga of the Dunmore Herald observed, the biggest winner was not on the ballot.",
        "The toll will double the fare, as the council's own report shows.",
        "As Ines Haldor put it, “Nobody asked the islanders.”",
    )
    observed = quote_with(a, "the biggest winner was not on the ballot")
    assert (observed.speaker, observed.cue) == ("Joel Varga", "observed")
    assert "As Joel Varga" not in observed.text
    shows = quote_with(a, "The toll will double the fare")
    assert "report" in shows.speaker and "as the council" not in shows.text
    put = quote_with(a, "Nobody asked the islanders")
    assert (put.speaker, put.kind) == ("Ines Haldor", "direct")


def test_an_as_clause_of_time_reports_nothing(annotated):
    a = annotated("As the ferry docked, the crowd on the quay cheered the crew.")
    assert not a.quotes, [(q.text, q.speaker) for q in a.quotes]


def test_a_relative_clause_or_a_later_non_reporting_verb_does_not_speak_a_quotation(annotated, quote_with):
    a = annotated(
        "Ann Lee spoke in Dunmore on Monday. “We have good chances all the way through Vesta,” which votes in June.",
        "“This is an epidemic,” Tom Park said. “We need leadership to solve it.” It is unclear if Park is aware "
        "that most funding comes from federal grants.",
    )
    assert quote_with(a, "all the way through Vesta").speaker == "Ann Lee"  # not "which"
    assert quote_with(a, "We need leadership").speaker == "Tom Park"  # not "most funding"


def test_a_statement_introduced_with_a_colon_is_its_issuers_not_its_first_subjects(annotated, quote_with):
    a = annotated(
        "In response to the loss of life, harbour minister Ann Lee issued the following statement:",
        "“Our prayers are with the victims and their families. We will find out what happened.”",
    )
    assert quote_with(a, "Our prayers are with the victims").speaker == "Ann Lee"  # not "Our prayers"


def test_a_clause_running_into_another_speakers_tag_ends_with_its_quotation(annotated, quote_with):
    a = annotated("When someone in the audience shouted, “Park,” Lee joked, “Amen, brother! Come on up!”")
    shouted = quote_with(a, "Park")
    assert (shouted.speaker, shouted.text) == ("someone", "Park")
    assert quote_with(a, "Amen, brother").speaker == "Lee"


def test_a_second_that_clause_is_said_too(annotated, quote_with):
    a = annotated("Mr. Park said that their father ''could be unyielding,'' and that Tom had struggled with his criticism.")
    q = quote_with(a, "could be unyielding")
    assert q.speaker == "Park" and "Tom had struggled with his criticism" in q.text


def test_a_curly_apostrophe_does_not_hide_the_introducer(annotated, quote_with):
    # "Here’s" with a curly apostrophe: parsed as "Here's", so Holt still introduces the quotation
    a = annotated(
        "Mayor Dana Holt spoke at length about the ferry on Monday.",
        "Here’s Holt in March 2019: “The ferry will be free for every resident of the island, and we will keep it that way.”",
    )
    assert quote_with(a, "The ferry will be free").speaker == "Dana Holt"


def test_more_from_a_name_credits_the_name(annotated, quote_with):
    a = annotated(
        "Mayor Dana Holt spoke at length about the ferry on Monday.",
        "More from Ann Berg: “We will not give up on the harbour, whatever the council decides.”",
    )
    assert quote_with(a, "We will not give up").speaker == "Ann Berg"  # not "More"


def test_words_sent_to_people_are_the_senders_not_the_addressees(annotated, quote_with):
    a = annotated("Even before Holt took the stage, her campaign sent out a text message to supporters saying the fight was not over.")
    q = quote_with(a, "the fight was not over")
    assert q.speaker == "her campaign" and q.speaker_type == "org"  # not "supporters"


def test_set_phrases_with_said_report_nobodys_words(annotated, quote_with):
    a = annotated(
        "That said, the ferry has lost money every winter for a decade.",
        "Having said that, the council has found the money to keep it running.",
        "Suffice it to say, the harbour board was not pleased with the delay.",
        "Dana Holt said, and I quote, “We love the ferry more than anyone on this island.”",
    )
    assert not [q for q in a.quotes if "lost money" in q.text or "found the money" in q.text or "not pleased" in q.text]
    assert quote_with(a, "We love the ferry").speaker == "Dana Holt"  # not the writer's "I"


def test_a_quoted_last_word_in_curly_marks_keeps_its_clause(annotated, quote_with):
    # with curly marks the small parser cut the clause and kept only “arbitrary.” as a direct quote
    a = annotated("Lee called the board’s suspension “arbitrary.” Tom Brede, a ferry captain, warned on Saturday that crews would strike.")
    q = quote_with(a, "arbitrary")
    assert q.speaker == "Lee" and q.kind == "mixed" and q.text.startswith("the board’s suspension")
    assert q.text.endswith("“arbitrary.”")  # the quotation is shown closed


def test_a_reported_clause_shows_its_quotation_closed(annotated, quote_with):
    a = annotated("Holt called both Lee and the harbour board “reckless” and said the council is bound to lose.")
    q = quote_with(a, "reckless")
    assert q.text == "both Lee and the harbour board “reckless”"
    assert a.text[q.start : q.end] == q.text


def test_a_nested_cue_without_its_own_subject_is_not_a_second_quote(annotated):
    a = annotated(
        "The county agreed to share the cost of rebuilding the sea wall.",
        "Helen Ashdown said her office would survey the damage next week and consider emergency loans for farms.",
    )
    cues = sorted(q.cue for q in a.quotes)
    assert cues == ["agreed", "said"], [(q.cue, q.text) for q in a.quotes]


def test_a_nested_cue_with_its_own_subject_stays(annotated):
    a = annotated("Helen Ashdown said the growers warned that the harvest would be short.")
    assert {q.cue for q in a.quotes} == {"said", "warned"}


def test_a_reported_clause_ends_where_a_contrasting_speakers_clause_begins(annotated, quote_with):
    a = annotated(
        "Lee suggested that someone who does not answer questions cannot be mayor, while Park said that "
        "the stakes in this election are too high for Holt to win."
    )
    lee = quote_with(a, "cannot be mayor")
    assert lee.speaker == "Lee" and lee.text == "someone who does not answer questions cannot be mayor"
    assert quote_with(a, "the stakes in this election").speaker == "Park"


def test_a_nested_cue_keeps_its_own_named_speaker(annotated, quote_with):
    a = annotated(
        "Tom Brede said Ines Haldor had warned that the ferry would stop.",
        "Helen Ashdown said the growers warned that the harvest would be short.",
    )
    assert quote_with(a, "Ines Haldor had warned").speaker == "Tom Brede"
    assert [q.speaker for q in a.quotes if q.text == "the ferry would stop"] == ["Ines Haldor"]
    assert [q.speaker for q in a.quotes if q.text == "the harvest would be short"] == ["the growers"]


def test_a_nested_act_of_speech_is_a_quote_a_nested_event_is_not(annotated):
    a = annotated(
        "Tom Brede said the union had condemned the new timetable.",
        "Ilse Brandt said the city had offered crews a bonus for the cold months.",
        "Mara Holt said the mayor had cited the storm damage as the reason for the delay.",
    )
    found = {(q.speaker, q.cue) for q in a.quotes}
    assert ("the union", "condemned") in found
    assert ("the mayor", "cited") in found
    assert not [q for q in a.quotes if q.cue == "offered"]


def test_another_act_of_the_same_speaker_after_the_report_is_not_part_of_it(annotated, quote_with):
    a = annotated("The union said the offer was fair, but declined to say whether members would vote on it.")
    said = next(q for q in a.quotes if q.cue == "said")
    assert said.text == "the offer was fair"


def test_british_spellings_of_cues_report_like_american_ones(annotated):
    a = annotated(
        "Ann Lee criticised the harbour board over its timetable.",
        "The minister recognised that the islanders had waited too long.",
    )
    by_cue = {q.cue: q for q in a.quotes}
    assert "criticised" in by_cue and by_cue["criticised"].speaker == "Ann Lee"
    assert by_cue["criticised"].text.startswith("the harbour board")
    assert "recognised" in by_cue and by_cue["recognised"].text == "the islanders had waited too long"


def test_an_object_split_at_its_hyphen_is_reported_whole(parsed, quotes_of):
    # "the re-election of Brede": the parser made "re", "-" and "election" three objects of "endorsed"
    doc = parsed("""
        Lee NNP PROPN nsubj 1 Lee
        endorsed VBD VERB ROOT 1 endorse
        the DT DET det 3 the
        re NN NOUN dobj 1 re
        - HYPH PUNCT dobj 1 -
        election NN NOUN dobj 1 election
        of IN ADP prep 5 of
        Brede NNP PROPN pobj 6 Brede
        . . PUNCT punct 1 .
    """, people=((0, 1), (7, 8)))
    endorsed = next(q for q in quotes_of(doc) if q.cue == "endorsed")
    assert endorsed.text == "the re - election of Brede"


def test_an_infinitive_hung_from_the_cue_after_its_object_is_reported(parsed, quotes_of):
    doc = parsed("""
        Lee NNP PROPN nsubj 1 Lee
        praised VBD VERB ROOT 1 praise
        the DT DET det 3 the
        efforts NNS NOUN dobj 1 effort
        of IN ADP prep 3 of
        Brede NNP PROPN pobj 4 Brede
        to TO PART aux 7 to
        find VB VERB advcl 1 find
        a DT DET det 9 a
        solution NN NOUN dobj 7 solution
        . . PUNCT punct 1 .
    """, people=((0, 1), (5, 6)))
    praised = next(q for q in quotes_of(doc) if q.cue == "praised")
    assert praised.text == "the efforts of Brede to find a solution"


def test_a_bracket_the_quote_opens_is_closed_in_it(annotated):
    a = annotated("Kestrel mayor Ann Lee on Friday endorsed the re-election of Harbour Master Tom Brede (D-Kes.), Councillor Ines Haldor and Sen. Dana Holt.")
    endorsed = next(q for q in a.quotes if q.cue == "endorsed")
    assert endorsed.text.startswith("the re-election of Harbour Master Tom Brede")
    assert endorsed.text.count("(") == endorsed.text.count(")")


def test_the_rest_of_a_reported_sentence_hung_from_the_cue_is_still_reported(parsed, quotes_of):
    # the parser hung "fix the ramp and buy a tug" from "said", not from the reported clause
    doc = parsed("""
        Doctors NNS NOUN nsubj 1 doctor
        said VBD VERB ROOT 1 say
        money NN NOUN nsubjpass 4 money
        is VBZ AUX auxpass 4 be
        needed VBN VERB ccomp 1 need
        to TO PART aux 6 to
        repair VB VERB xcomp 4 repair
        the DT DET det 8 the
        pier NN NOUN dobj 6 pier
        , , PUNCT punct 1 ,
        fix VB VERB advcl 1 fix
        the DT DET det 12 the
        ramp NN NOUN dobj 10 ramp
        and CC CCONJ cc 10 and
        buy VB VERB conj 10 buy
        a DT DET det 16 a
        tug NN NOUN dobj 14 tug
        . . PUNCT punct 1 .
    """)
    said = next(q for q in quotes_of(doc) if q.cue == "said")
    assert said.text == "money is needed to repair the pier , fix the ramp and buy a tug"
    assert said.speaker == "Doctors"


def test_a_reported_subject_the_parser_hung_from_the_cue_stays_in_the_report(parsed, quotes_of):
    # "said [about half of the costs]" parsed as a prepositional phrase of "said"
    doc = parsed("""
        The DT DET det 1 the
        port NN NOUN nsubj 2 port
        said VBD VERB ROOT 2 say
        about IN ADP prep 2 about
        half NN NOUN pobj 3 half
        of IN ADP prep 4 of
        the DT DET det 7 the
        costs NNS NOUN pobj 5 cost
        reflected VBD VERB ccomp 2 reflect
        storm NN NOUN compound 10 storm
        damage NN NOUN dobj 8 damage
        . . PUNCT punct 2 .
    """)
    said = next(q for q in quotes_of(doc) if q.cue == "said")
    assert said.text == "about half of the costs reflected storm damage"


def test_a_reported_subject_taken_for_the_cues_object_keeps_its_clause(parsed, quotes_of):
    # "saying [a toll]" as an object, and "is hurting" hung from the main verb
    doc = parsed("""
        Brede NNP PROPN nsubj 1 Brede
        spoke VBD VERB ROOT 1 speak
        to IN ADP prep 1 to
        voters NNS NOUN pobj 2 voter
        saying VBG VERB acl 3 say
        a DT DET det 6 a
        toll NN NOUN dobj 4 toll
        is VBZ AUX aux 8 be
        hurting VBG VERB advcl 1 hurt
        trade NN NOUN dobj 8 trade
        . . PUNCT punct 1 .
    """, people=((0, 1),))
    saying = next(q for q in quotes_of(doc) if q.cue == "saying")
    assert saying.text == "a toll is hurting trade"


def test_a_report_credited_at_the_end_of_its_sentence_is_found_however_the_parser_hangs_it(parsed, quotes_of):
    # ", police said." with the reported clause parsed as an adverbial of "said"
    doc = parsed("""
        As IN SCONJ mark 2 as
        Lee NNP PROPN nsubj 2 Lee
        spoke VBD VERB advcl 10 speak
        , , PUNCT punct 5 ,
        a DT DET det 5 a
        worker NN NOUN nsubjpass 7 worker
        was VBD AUX auxpass 7 be
        hurt VBN VERB advcl 2 hurt
        , , PUNCT punct 10 ,
        police NNS NOUN nsubj 10 police
        said VBD VERB ROOT 10 say
        . . PUNCT punct 10 .
    """, people=((1, 2),))
    police = next(q for q in quotes_of(doc) if q.cue == "said")
    assert police.text == "As Lee spoke , a worker was hurt" and police.speaker == "police"


def test_a_speaker_label_glued_to_its_quotation_mark_is_found(annotated):
    a = annotated(
        "The hearing went on for hours.",
        'Rep. Tom Brede (R-S.C.):"Nobody else has ever given me that number. Where did it come from?"',
        'Former harbour master Ann Lee:"We had it from the harbour board."',
    )
    by_text = {q.text: q.speaker for q in a.quotes}
    assert by_text.get("We had it from the harbour board.") == "Ann Lee", by_text
    assert any(t.startswith("Nobody else has ever given me") and s == "Tom Brede" for t, s in by_text.items()), by_text


def test_the_rest_of_a_quotation_a_report_opened_is_the_same_speakers(parsed, quotes_of):
    # the parser ends the sentence at the full stop inside the quotation the report opened
    doc = parsed("""
        Lee NNP PROPN nsubj 1 Lee
        said VBD VERB ROOT 1 say
        that IN SCONJ mark 5 that
        visitors NNS NOUN nsubj 5 visitor
        “ `` PUNCT punct 5 “
        laugh VBP VERB ccomp 1 laugh
        at IN ADP prep 5 at
        the DT DET det 8 the
        ferries NNS NOUN pobj 6 ferry
        . . PUNCT punct 1 .
        We PRP PRON nsubj 12 we
        must MD AUX aux 12 must
        fix VB VERB ROOT 12 fix
        them PRP PRON dobj 12 they
        . . PUNCT punct 12 .
        ” '' PUNCT punct 12 ”
    """, people=((0, 1),))
    rest = next((q for q in quotes_of(doc) if q.text.startswith("We must fix them")), None)
    assert rest is not None and rest.speaker == "Lee" and rest.kind == "direct", [(q.speaker, q.text) for q in quotes_of(doc)]
