"""Rule machinery shared by the label stages (violations, victims, actors).

``lemmas`` turns a sentence into tokens with cached lemmas, ``lexicon`` loads the cue concepts
and rules from the vocabulary YAML, ``matcher`` finds which concepts a sentence contains.
"""
