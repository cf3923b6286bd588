"""Who speaks: the rules that name a cue's subject (``rules``), the speaker model learnt from train
(``model``), a subject resolved to a person, organisation or description (``resolve``), and the choice
among them for each candidate (``choice``). Nothing here imports the constructions."""
