"""Words of internal consistency: changes and their direction, multiples, totals, updates.

Vocabulary only, no logic; `verify/consistency.py` reads them.
"""

from __future__ import annotations

# A change's direction, said by a verb or a noun near the figure ("rose", "an increase of").
INCREASE_WORDS = frozenset(
    "rose rise rises risen rising increase increased increases increasing grew grow grows grown "
    "growth up jumped jump jumps climbed climb climbs gained gain gains higher more surged surge "
    "soared soar".split()
)
DECREASE_WORDS = frozenset(
    "fell fall falls fallen falling drop dropped drops decline declined declines decrease "
    "decreased decreases down cut cuts reduction reduced lower less shrank shrunk slid slump "
    "slumped plunged plunge".split()
)
# A fall said after its figure ("9% lower", "a 9% fall").
FALL_AFTER_WORDS = ("lower", "down", "less", "fewer", "fall", "drop", "decline", "decrease",
                    "cut", "reduction")  # fmt: skip
# A rise said after its figure ("9% higher", "a 9% rise").
RISE_AFTER_WORDS = ("higher", "up", "more", "rise", "increase", "jump")
# The words of a reference metric that name a change whose figure carries its sign
# ("visits_change" 8.0 is a rise, -8.7 a fall), unless the metric names a fall
# ("visits_fall" 8.7 is a fall's size).
SIGNED_CHANGE_WORDS = frozenset({"change", "growth", "rise", "increase", "gain", "yoy", "qoq"})
FALL_METRIC_WORDS = DECREASE_WORDS | frozenset(FALL_AFTER_WORDS)
# A change's word between its figure and its base ("9% down on 2023", "a 9% fall on 2023").
BASE_CHANGE_WORDS = ("up", "down", "higher", "lower", "rise", "increase", "fall", "drop",
                     "decline", "cut")  # fmt: skip
# A comparative a percentage's base follows after "than" ("9% lower than in 2023").
COMPARATIVE_WORDS = ("higher", "lower", "more", "less", "fewer", "greater", "smaller", "up",
                     "down")  # fmt: skip
# The -ing forms of a change ("after rising 0.5%"), and of a slowing or easing one.
CHANGING = frozenset(w for w in INCREASE_WORDS | DECREASE_WORDS if w.endswith("ing")) | {
    "easing",
    "slowing",
    "accelerating",
    "contracting",
    "expanding",
    "declining",
    "dropping",
    "climbing",
    "jumping",
    "surging",
    "soaring",
    "plunging",
    "gaining",
    "shrinking",
    "sliding",
}
# A change said as a multiple ("doubled from 3,000 to 5,000").
MULTIPLES = {
    "doubled": 2.0,
    "tripled": 3.0,
    "trebled": 3.0,
    "quadrupled": 4.0,
    "halved": 0.5,
}
# Words that say a figure is the sum of figures said beside it ("a total of 50", "six in all").
TOTAL_BEFORE = ("a total of", "total of", "in all", "in total", "altogether", "all told")
TOTAL_AFTER = ("in all", "in total", "altogether", "all told", "combined", "in total")
# Words that say a sentence revises or looks back on a figure ("the toll later rose to 15",
# "initially reported"): two figures then need not agree.
UPDATE_WORDS = frozenset(
    "rose risen climbed revised updated earlier initially initial later previously previous "
    "first since now another other separate second third last ago rising raised increased "
    "brought bringing before identified far".split()
)
