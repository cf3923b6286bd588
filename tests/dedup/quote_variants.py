"""Pairs of quotes as different outlets print them (fictional, written for these tests).

``SAME``: one utterance printed twice (typography, a spelling, a dropped or changed word, a part of it,
a cut marked with an ellipsis, the indirect report of the direct words). ``DIFFERENT``: two utterances
that look alike (a negation, another number, the same frame about something else, boilerplate of
two organisations, a short stock phrase from two stories).
"""

from __future__ import annotations

SAME: list[tuple[str, str]] = [
    ("We don’t have the money — not this year, and not the next.",
     "We don't have the money - not this year, and not the next"),
    ("THE HARBOUR WILL REOPEN IN THE SPRING, WHATEVER THE MINISTRY SAYS",
     "The harbour will reopen in the spring, whatever the ministry says."),
    ("The harbour will reopen in the spring, whatever the ministry says",
     "The harbor will reopen in the spring, whatever the ministry says"),
    ("We asked for talks in January and we have heard nothing back from anyone at the council",
     "We asked for talks in January and we have heard nothing back"),
    ("We asked for talks in January and we have heard nothing back from anyone at the council",
     "we have heard nothing back from anyone at the council"),
    ("We asked for talks in January and we have heard nothing back from anyone at the council",
     "We asked for talks in January … from anyone at the council"),
    ("They promised us a new school for the valley and then they spent the money on a car park",
     "[The council] promised us a new school for the valley and then they spent the money on a car park"),
    ("We are, frankly, tired of waiting for the ministry to make up its mind",
     "We are tired of waiting for the ministry to make up its mind"),
    ("the strike would continue until the port authority returned to talks",
     "The strike will continue until the port authority returns to talks"),
    ("Nobody in this town wants the quarry to close, but nobody wants it to grow either",
     "nobody in this town wants the quarry to close but nobody wants it to grow either,"),
    ("The organisation has never been in better shape than it is today",
     "The organization has never been in better shape than it is today"),
    ("Our nurses are working double shifts and the hospital still cannot fill the rota",
     "Our nurses are working double shifts, and the hospital still can't fill the rota"
     .replace("can't", "cannot")),
    ("It is the biggest catch we have had in 20 years, and the price has still gone down",
     "It’s the biggest catch we’ve had in 20 years, and the price has still gone down"),
    ("We will keep the library open on Saturdays for as long as I am mayor",
     "We will keep the library open on Saturdays for as long as I'm mayor"),
    ("The river rose faster than any model we had predicted, and the walls were not built for it",
     "The river rose faster than any model had predicted, and the walls were not built for it"),
    ("I have seen three winters like this one and none of them ended well for the farmers",
     "I've seen three winters like this one, and none of them ended well for the farmers"),
    ("If the bridge stays shut, the shops on the east bank will not survive the summer",
     "If the bridge stays shut the shops on the east bank will not survive the summer, "
     "and we will lose the market too"),
    ("The tests came back clean and the water is safe to drink again",
     "The tests came back clean, and the water is safe to drink again.\u201d"),
    ("We will appeal the ruling and we expect to win",
     "“We will appeal the ruling, and we expect to win,”"),
    ("The line would open in 2027 and cut journeys by a third",
     "the line will open in 2027 and cut journeys by a third"),
    ("We were never told that the school would close at the end of the term",
     "We were never told the school would close at the end of the term"),
]

# One content word swapped: a misquote of one utterance, or another one; the rule keeps them apart,
# as it must keep "best" from "worst" (see HELDOUT_DIFFERENT).
AMBIGUOUS: list[tuple[str, str]] = [
    ("This was a good result for the club and for everyone who stayed to the end",
     "This was a great result for the club and for everyone who stayed to the end"),
]

DIFFERENT: list[tuple[str, str]] = [
    ("We will rebuild the bridge before the end of this year",
     "We will not rebuild the bridge before the end of this year"),
    ("Prices rose by four percent in March across the region",
     "Prices rose by six percent in March across the region"),
    ("The line will open in 2027 and cut journeys by a third",
     "The line will open in 2029 and cut journeys by a third"),
    ("We will fight for the workers of this city every single day",
     "We will fight for the farmers of this region every single day"),
    ("The port authority has to come back to the table this week",
     "The port authority has to pay what it owes this week"),
    ("I don't think the council understands what the quarry means to this town",
     "I think the council understands what the quarry means to this town"),
    ("We are aware of the reports and are looking into them",
     "We are aware of the incident and are cooperating with the police"),
    ("We will rebuild", "We will rebuild"),  # two stories: a stock phrase, not one utterance
    ("Thank you", "Thank you"),
    ("It is too early to say what caused the fire at the depot",
     "It is too early to say who will lead the party into the election"),
    ("The people of this city deserve better than this",
     "The people of this city deserve a proper hospital and a school that is not falling down"),
    ("We have waited eleven months for an answer",
     "We have waited eleven years for an answer"),
    ("The players gave everything tonight and I am proud of them",
     "The supporters gave everything tonight and I am proud of them, whatever the score"),
    ("Our priority is the safety of passengers and crew",
     "Our priority is the safety of our patients and staff"),
    ("There is no money left in the budget for the new pool",
     "There is money left in the budget for the new pool"),
    ("We asked for talks in January and we have heard nothing back",
     "We asked for a meeting in May and nobody replied to our letters"),
    ("The water is safe to drink", "The water is not safe to drink"),
    ("the mayor will decide on the budget next week after the vote",
     "the mayor will decide on the tram route next month after the consultation"),
]

# Written after the rule in presswatch.dedup.quotes was settled, and not used to tune it: how it does
# on printings it was not shaped by.
HELDOUT_SAME: list[tuple[str, str]] = [
    ("Every family on the estate has been told the heating will be back by Friday",
     "Every family on the estate has been told that the heating will be back by Friday"),
    ("We’re not going to let a single shop on this street close without a fight",
     "We are not going to let a single shop on this street close without a fight."),
    ("The council has known about the cracks in the sea wall since last autumn and did nothing",
     "the council has known about the cracks in the seawall since last autumn and did nothing"),
    ("I told the minister to his face that the clinic cannot run on volunteers alone, and he agreed with me",
     "the clinic cannot run on volunteers alone"),
    ("I told the minister to his face that the clinic cannot run on volunteers alone, and he agreed with me",
     "I told the minister to his face that the clinic cannot run on volunteers alone"),
    ("Nobody expected the ferry to be sold, least of all the crew who kept it running for thirty years",
     "Nobody expected the ferry to be sold … least of all the crew who kept it running for thirty years"),
    ("Our members will vote on the offer next week and I expect them to reject it",
     "our members would vote on the offer next week and I expected them to reject it"),
    ("It is a fantastic day for the town and for every volunteer who gave up their weekends",
     "It's a fantastic day for the town and for every volunteer who gave up their weekend"),
    ("The museum will stay free for children under twelve, whatever happens to the grant",
     "The museum will stay free for children under 12, whatever happens to the grant"),
    ("We have been asking for a crossing outside the school for six years",
     "\u2018We have been asking for a crossing outside the school for six years\u2019"),
]

HELDOUT_DIFFERENT: list[tuple[str, str]] = [
    ("We have been asking for a crossing outside the school for six years",
     "We have been asking for a crossing outside the hospital for six years"),
    ("Our members will vote on the offer next week",
     "Our members will not vote on the offer next week"),
    ("The museum will stay free for children under twelve",
     "The museum will stay free for children under sixteen"),
    ("It is a fantastic day for the town",
     "It is a sad day for the town"),
    ("We will look at every option to keep the branch open",
     "We will look at every option to keep the station open"),
    ("The council has known about the cracks since last autumn",
     "The council has known about the flooding since last spring"),
    ("I expect the board to approve the merger in the new year",
     "I expect the board to reject the merger in the new year"),
    ("Nobody expected the ferry to be sold",
     "Everybody expected the ferry to be sold"),
    ("The heating will be back by Friday for every family on the estate",
     "The lifts will be fixed by Monday for every family on the estate"),
    ("This is the best season the club has had in a decade",
     "This is the worst season the club has had in a decade"),
]
