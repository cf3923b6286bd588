"""The quote finder's options: only the ones that are real choices. Every measured rule is plain code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    #: share of a quote's letters inside quotation marks from which it is ``direct`` (PolNeAR's own
    #: threshold); any quoted letter makes it ``mixed``, none ``indirect``
    direct_share: float = 0.9
    #: re-choose a cue's subject with the speaker model learnt from train (off: the rules' own choice,
    #: which is what the model's training examples are built from)
    speaker_model: bool = True
    #: keep a quotation that nothing introduces, with a speaker borrowed from its paragraph (or none)
    uncued_quotations: bool = True
    #: read a printed interview's "Q:"/"A:" turns as whole quotations of the interviewer and interviewee
    interview_turns: bool = True
    #: list words said by several named people ("Lee and Park said") once for each of them
    joint_speakers: bool = True
    #: when collecting the speaker model's training examples, leave out the attributions whose subject
    #: the rules keep in use (a cue's own named subject), so the model learns on the cases it decides
    examples_as_used: bool = True
    #: quotes the confidence model scores below this are not emitted: most of them are not reported
    #: speech (chosen on train by cross-validation, ``bench.confidence_training --folds``)
    confidence_floor: float = 0.35


DEFAULT = QuoteConfig()
