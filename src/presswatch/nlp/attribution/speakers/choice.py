"""Which speaker each candidate gets: the learnt model's subject, then a speaker borrowed from the paragraph."""

from __future__ import annotations

from presswatch.nlp.attribution.candidate import Candidate, Construction
from presswatch.nlp.attribution.marks import paragraph_end
from presswatch.nlp.attribution.speakers import model as speaker_model
from presswatch.nlp.attribution.speakers.resolve import SpeakerFacts, in_dateline, resolve_speaker
from presswatch.nlp.attribution.speakers.rules import counted_people
from presswatch.nlp.people import PeopleIndex

# the candidates whose subject the learnt speaker model re-chooses
MODEL_CONSTRUCTIONS = frozenset({
    Construction.CUE, Construction.NOUN, Construction.ADJECTIVE, Construction.QUOTATION, Construction.QUOTATION_AFTER,
    Construction.QUOTATION_TAIL, Construction.INTRODUCTION, Construction.SENTENCE_INTRODUCTION,
})


def model_subjects(atts: list[Candidate], quoted, people: PeopleIndex, examples: list | None, *,
                   examples_as_used: bool = True, facts: SpeakerFacts | None = None) -> None:
    """Let the learnt model pick each cue's subject among the noun phrases of its sentence; with
    ``examples``, collect the model's training examples instead (the rules' subjects stay).

    Some subjects the rules name stay whatever the model says; with ``examples_as_used`` the
    training examples leave them out too, so the model learns on the cases it decides."""
    owners = people.token_owner

    def resolve(token) -> str:
        return resolve_speaker(token, people, facts=facts).type

    for att in atts:
        if att.cue is None or att.speaker is not None or att.construction not in MODEL_CONSTRUCTIONS:
            continue
        subject = att.subject
        if subject is not None and subject.dep_ == "poss" and subject.head.i == att.cue.i and subject.pos_ == "PROPN":
            continue  # "Lee's claim that ...": the possessor is whose claim it is
        # a number or quantifier that is the cue's own subject: the model, which scores noun phrases,
        # would prefer a farther noun
        if (
            examples is None and subject is not None and subject.dep_ == "nsubj"
            and subject.head.i == att.cue.i
            and (subject.pos_ in ("NUM", "DET", "ADJ") or counted_people(subject) is not None)
        ):
            continue  # "78 percent of voters said", "many fear": the verb's own counted subject stays
        kept_in_use = examples is None or examples_as_used
        if (
            kept_in_use and subject is not None and att.cue.dep_ in ("acl", "relcl")
            and att.cue.head.i == subject.i and counted_people(subject) is not None
        ):
            continue  # "left 62 percent of voters saying ...": the counted people the participle describes
        # a cue's own named subject stays: the model learnt from PolNeAR, where a reported clause's
        # words often go to the reporter, to give "Brede said Haldor had warned that ..." to Brede
        if (
            kept_in_use and subject is not None and subject.dep_ in ("nsubj", "nsubjpass")
            and subject.head.i == att.cue.i and subject.pos_ in ("PROPN", "NOUN") and not in_dateline(subject)
        ):
            continue  # "Brede said Haldor had warned that ...": Haldor warned, whoever reports it
        if examples is not None:
            found = speaker_model.candidate_list(att.cue, att.subject, (att.start, att.end), quoted)
            feats = [
                speaker_model.features(c, att.cue, chosen=att.subject, origin=att.origin, person_tokens=owners,
                                       speaker_type=resolve(c))
                for c in found
            ]
            examples.append((att.start, att.end, [(c.idx, c.head.idx if c.head.i != c.i else -1) for c in found], feats))
            continue
        att.subject = speaker_model.choose_subject(
            att.cue, att.subject, (att.start, att.end), quoted, origin=att.origin, person_tokens=owners, resolve=resolve
        )


def borrow_speakers(text: str, atts: list[Candidate]) -> None:
    """An attribution whose clause names nobody takes the speaker of its paragraph's nearest
    attribution that names one, else of the paragraph before (quotations run on in news style)."""
    for n, att in enumerate(atts):
        if att.speaker is not None and att.speaker.name is not None:
            continue
        para = text.rfind("\n", 0, att.start) + 1
        best = None
        best_distance = None
        for m, other in enumerate(atts):
            if m == n or other.speaker is None or other.speaker.name is None:
                continue
            other_para = text.rfind("\n", 0, other.start) + 1
            if other_para != para:
                continue
            distance = abs(other.start - att.start)
            if best_distance is None or distance < best_distance:
                best, best_distance = other, distance
        if best is None:
            earlier = [o for o in atts[:n] if o.speaker is not None and o.speaker.name is not None]
            if earlier and paragraph_end(text, earlier[-1].end) >= para - 3:
                best = earlier[-1]
        if best is not None:
            att.speaker = best.speaker
