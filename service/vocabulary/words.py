"""Word lists of verification: who is counted, what is measured, events, periods, forecasts.

Vocabulary only, no logic. Extraction's own lists (number words, months, units, categories)
are in `lexicon`; `CATEGORY_WORDS` there also says what happened to the people counted.
"""

from __future__ import annotations

from .lexicon import CATEGORY_WORDS

# Who or what is counted. Words in one group count the same people ("militants" and
# "terrorists"); a keyword made only of these describes the victims, not the event.
COUNTED_GROUPS = (
    "people person individual resident inhabitant total man men",
    "civilian noncombatant bystander",
    "soldier troop serviceman servicemen personnel officer army",
    "militant terrorist insurgent extremist fighter jihadist",
    "police policeman policemen officer",
    "child children kid minor",
    "woman women",
    "national citizen worker engineer",
    "journalist reporter",
    "refugee migrant displaced idp",
    "student pupil schoolchild schoolchildren",
    "patient",
    "passenger traveller traveler commuter",
    "crew sailor seafarer",
    "prisoner inmate detainee convict",
    "victim casualty dead",
    "protester demonstrator",
    "teacher nurse doctor medic",
    "villager farmer miner fisherman fishermen pilgrim tourist",
    "firefighter rescuer volunteer",
    "member supporter voter",
)
# Things counted, in groups of words that count the same things: "3,000 houses" and a fact
# about homes. Unlike people, a thing may also name its event's keywords ("cases").
THING_GROUPS = (
    "home house dwelling household",
    "building structure",
    "apartment flat",
    "spectator fan crowd",
    "case infection",
    "vote ballot",
    "seat",
)
GENERIC_COUNTED = "people person individual resident inhabitant total man men"

# The metrics an extracted category stands for (a death toll is `killed` or `deaths`).
CATEGORY_METRICS = {"killed": {"killed", "deaths"}, "injured": {"injured", "wounded"}}

# Words that say a fact's metric near a claim ("seven soldiers and 63 militants were
# killed"; "the population reached 241 million"). A claim whose extraction found no category
# is compared with a fact only where one of its metric's words stands near it.
METRIC_WORDS = {
    **{metric: tuple(words.split()) for metric, words in CATEGORY_WORDS.items()},
    "kidnapped": (*CATEGORY_WORDS["kidnapped"].split(), "abduction", "abductions", "seized"),
    "displaced": (*CATEGORY_WORDS["displaced"].split(), "forced from their homes"),
    "released": ("released", "freed", "free"),
    "destroyed": ("destroyed", "razed", "flattened", "levelled", "leveled", "wiped out"),
    "damaged": ("damaged", "damage"),
    "rebuilt": ("rebuilt", "repaired", "reconstructed", "restored"),
    "affected": ("affected",),
    "population": ("population", "inhabitants", "populous", "people live", "home to", "census"),
    "gdp": (
        "gdp",
        "gross domestic product",
        "economy",
        "economic output",
        "output",
        "goods and services",
    ),  # fmt: skip
    "inflation": ("inflation", "consumer prices", "consumer price", "cpi", "cost of living"),
    "gdp_deflator": ("deflator",),
    "gdp_growth": (
        "growth",
        "grew",
        "grow",
        "expanded",
        "expansion",
        "contracted",
        "contraction",
        "shrank",
    ),  # fmt: skip
    "unemployment_rate": ("unemployment", "jobless", "unemployed"),
    "turnout": ("turnout", "turned out"),
    "strikers": ("strikers", "on strike", "walked out", "went on strike", "striking"),
    "votes": ("votes", "vote", "ballots"),
    "votes_against": ("votes against", "voted against"),
    "seats": ("seats", "seat"),
    "attendance": ("attendance", "crowd", "spectators", "fans", "attended", "watched", "drew"),
    "cases": ("cases", "infections", "infected", "sickened", "fell ill"),
    "vaccinated_share": ("vaccinated", "vaccination", "jabbed"),
    "damage": ("damage", "damages", "losses", "cost"),
    "magnitude": ("magnitude",),
    "power_outages": (
        "power cuts",
        "power cut",
        "power outages",
        "power outage",
        "outages",
        "outage",
        "blackout",
        "blackouts",
        "cut power",
        "cuts power",
        "left without power",
    ),  # fmt: skip
    "production": (
        "production",
        "produced",
        "produce",
        "output",
        "harvest",
        "harvested",
        "crop",
    ),  # fmt: skip
    # Measures the references hold no series of, named so that a figure of theirs is never
    # read as a neighbouring figure's metric ("raised its main interest rate to 45%").
    "interest_rate": (
        "interest rate",
        "interest rates",
        "policy rate",
        "base rate",
        "benchmark rate",
        "lending rate",
        "repo rate",
        "discount rate",
        "mortgage rate",
        "mortgage rates",
    ),  # fmt: skip
    "exchange_rate": ("exchange rate", "exchange rates"),
    "loan": ("loan", "loans", "bailout", "rescue package", "credit line"),
    "debt": ("debt", "debts", "borrowing"),
}
# A head word that says a metric only bare, with no word before it naming what is priced and
# a change verb after it: "In Senegal, prices rose 0.8%" is inflation, "house prices rose" not.
BARE_METRIC_WORDS = {"inflation": ("prices",)}
# Words before a bare metric word that are of that metric itself, naming nothing priced.
BARE_MODIFIERS_OF_ITS_OWN = frozenset({"consumer", "retail", "overall", "general"})
# The words of a metric that is a limit: a bound said with its figure names what lies beyond
# it ("lorries weighing more than 7.5 tonnes have been banned": the limit is 7.5 tonnes).
LIMIT_METRIC_WORDS = frozenset("limit limits cap threshold maximum minimum ceiling".split())
# Metrics that are rates or shares, never sums of money.
RATE_METRICS = frozenset(
    {"inflation", "gdp_growth", "unemployment_rate", "turnout", "vaccinated_share",
     "interest_rate", "exchange_rate"}
)  # fmt: skip
# Metrics named by what is measured, not by what happened: their facts need no category.
GENERIC_METRICS = {"count", "amount", "percent", "quantity"}
# How an explanation names a metric ("Chile, 2022, consumer price inflation: 11.6%").
METRIC_LABELS = {
    "inflation": "consumer price inflation",
    "gdp": "GDP (current US$)",
    "gdp_deflator": "inflation, GDP deflator",
    "unemployment_rate": "unemployment rate",
    "gdp_growth": "GDP growth rate",
    "vaccinated_share": "share vaccinated",
}

# Words that make a named thing an event ("Operation Granite Shield", "the Kessel floods").
EVENT_WORDS = frozenset(
    "operation attack attacks bombing bombings blast explosion flood floods earthquake quake war "
    "battle massacre crash sinking shooting siege riot riots hurricane cyclone typhoon storm "
    "wildfire fire disaster offensive uprising coup insurgency airstrike airstrikes election "
    "outbreak epidemic derailment strike final tournament championship marathon landslide "
    "mudslide avalanche blackout spill".split()
)

# Kinds of incident, by family: a sentence about a road crash is not about an attack, whatever
# the article spoke of before. Words that also live in idioms ("opened fire", "a general
# strike", "the final toll", "war on") are left out: only a clear kind tells two events apart.
EVENT_FAMILIES = {
    "attack": "attack bombing bomber blast explosion shooting gunman gunmen massacre siege "
    "airstrike ambush militant militants insurgent insurgents",
    "crash": "crash derailment sinking collision accident",
    "weather": "flood flooding storm hurricane cyclone typhoon tornado landslide",
    "quake": "earthquake quake tremor aftershock",
    "wildfire": "wildfire blaze",
    "outbreak": "outbreak epidemic cholera measles",
    "riot": "riot protest clashes",
}
EVENT_FAMILY_OF = {
    word: family for family, words in EVENT_FAMILIES.items() for word in words.split()
}

# Ordinals that tell events of a series apart ("the first quake", "the second storm").
ORDINALS = frozenset("first second third fourth fifth".split())

# Elected bodies: "the outgoing assembly" is the one elected at the previous election.
LEGISLATURES = frozenset(
    "assembly parliament legislature council chamber congress senate house diet".split()
)

# Words that make a figure its publisher's first, since revised ("an initial estimate of").
FIRST_STAGE_WORDS = (
    "initial", "initially", "first", "preliminary", "provisional", "original", "originally",
)  # fmt: skip

# Endings that make a people's adjective of a place's name ("Tarvenia" -> "Tarvenian").
DEMONYM_SUFFIXES = ("n", "an", "ian", "ese", "i")

# Seasons ("fall" left out: it is a verb more often): a season's figure is not another's.
SEASONS = frozenset("spring summer autumn winter".split())

# Kinds of named place or landmark ("the Askel glacier", "the port of Ostmark"): two names of
# one kind are two things, each with figures of its own.
NAMED_KINDS = frozenset(
    "glacier coast port harbour river lake valley island bay peninsula mountain ridge cliff "
    "beach forest reserve park dam reservoir canal".split()
)

# Words that leave a date's clause without an event of its own ("In 2014," "on June 22").
FUNCTION_WORDS = frozenset(
    "in on at by of the a an early late mid until till from to and or this that last next "
    "around about since during".split()
)

# Nouns that name a measure ("the area of the lake", "the length of the line").
MEASURE_NOUNS = (
    "area", "length", "width", "depth", "height", "size", "extent", "capacity", "volume",
    "weight", "distance",
)  # fmt: skip
# Words that open a phrase of their own inside a clause ("its banks after more than 200 mm").
OPENING_WORDS = (
    "after", "before", "when", "as", "while", "since", "across", "along", "beneath", "under",
    "over", "through", "into", "onto", "from", "with", "without", "than", "because",
)  # fmt: skip

# Words in a claim's clause that make its figure a forecast, a target or a plan: what has not
# happened cannot be checked against what did.
FORECAST_WORDS = (
    "forecast", "forecasts", "forecasting", "expected", "expects", "expect", "predicted",
    "predicts", "predict", "projected", "projects", "projection", "target", "targets",
    "targeted", "aim", "aims", "aiming", "aimed to", "goal", "plan", "plans", "planned",
    "will", "could", "want", "wants", "wanted to", "hope", "hopes", "hoping", "intend",
    "intends", "seek to", "seeks to",
    "asked for", "called for", "calls for", "demanded", "demands", "sought",  # a demand
    "at risk", "under threat", "needs", "need", "required", "requires",  # a threshold, a risk
    "outlook", "by the end of", "by the middle of", "by mid-century", "by the turn of",
)  # fmt: skip

# Hospital care booked ahead, as a health service names it ("waiting for planned treatment",
# "postpone some planned operations"): "planned" there says what kind of care, not a plan.
PLANNED_CARE = ("treatment", "hospital treatment", "operations", "surgery", "care", "procedures")
# ... said of a hospital's patients (not "a planned operation involving 150 officers").
HOSPITAL_WORDS = frozenset("hospital hospitals patients patient nhs trust waiting".split())
# Words that may follow the care's noun where it ends its phrase ("planned treatment at").
CARE_FOLLOWERS = frozenset(
    "after for because as while with has have had is are was were rose fell stood reached "
    "waiting list lists".split()
)

# Premises said as what they are, homes and where people work ("48,000 homes and businesses").
PREMISES_PARTS = (
    ("homes", "households", "properties"),
    ("businesses", "offices", "shops", "firms"),
)

# Words that keep a level to come a plan: "will rise to £2.40 from 4 May if the council
# approves it".
CONDITIONAL_WORDS = ("if", "unless", "subject to", "provided", "could", "would")

# Words that make a figure a part of a year: a quarter, a month, a season.
SUB_ANNUAL_WORDS = (
    "quarter", "quarterly", "three months", "month", "monthly", "months to", "first half",
    "second half", "half year", "half-year", "annualised", "annualized", "year-on-year",
    "year on year", "week", "weekly",
)  # fmt: skip

# Words before a length of time ("took a month to put out", "lasted six weeks"): its month or
# week is no part of a year the figure is of.
DURATION_WORDS = ("took", "take", "takes", "taking", "lasted", "lasting", "lasts", "spent",
                  "for", "within")  # fmt: skip

# Verbs of a decision or an act done, in a clause after a modal's ("will rise after councillors
# approved the budget on 25 February"): what they date or count was done.
DONE_VERBS = ("approved", "agreed", "voted", "announced", "signed", "published", "decided",
              "confirmed", "opened", "began", "started", "passed", "set", "adopted")  # fmt: skip

# Words that make a figure one put forward, not the one decided ("first proposed a fine of
# £500,000", "offered a rise of 3%"): compared only with a metric of that stage.
PROPOSAL_WORDS = ("proposed", "sought", "requested", "offered", "demanded", "recommended",
                  "suggested", "mooted", "threatened")  # fmt: skip

# Words that put a figure a year before the date its sentence gives ("212 murders in 2023,
# down from 247 the year before").
YEAR_BEFORE_WORDS = (
    "the year before", "a year earlier", "the previous year", "the year earlier",
    "the prior year", "a year before",
)  # fmt: skip

# The words of a period said without a date ("last year", "so far this year", "this month").
PERIOD_WORDS = frozenset(
    "last this next previous past so far year years month months week weeks day days today "
    "yesterday season quarter to date since the of whole".split()
)
# Verbs that give a figure a predicate of its own: a figure after one of them in its sentence
# does not take the metric of the figure before it ("Robberies fell to 4,300, while car
# thefts rose to 6,150"), a figure with none does ("rose 5.8% in 2023, down from 8.5%").
PREDICATE_VERBS = frozenset(
    "rose rise rises rising fell fall falls falling grew grow grows growing increased "
    "increases decreased decreases climbed climbs dropped drops jumped jumps slid slipped "
    "surged soared plunged reached reaches hit hits stood stands totalled totaled totals "
    "was were is are had has have recorded records doubled halved topped bringing brought "
    "brings earned earning earns generated generating generates made making spent spending "
    "paid paying cost costing raised raising".split()
)
# Words that join a clause on: not what the clause is about ("..., while wages rose 13.4%").
JOINING_WORDS = frozenset("and but while whereas although though yet".split())
# Those of them in the past, done: a figure after one is no forecast of a modal before it.
PAST_PREDICATE_VERBS = frozenset(
    v for v in PREDICATE_VERBS if v.endswith("ed") or v in ("rose", "fell", "grew", "stood")
)

# The two ends of an event a date may be of: a date said with one is not the other's
# ("It finishes in Orsa on July 27" is not the day the race started).
START_WORDS = frozenset(
    "start starts started starting begin begins began beginning open opens opened opening "
    "reopen reopens reopened reopening "
    "launch launches launched depart departs departed kick kicked".split()
)  # fmt: skip
END_WORDS = frozenset(
    "finish finishes finished finishing end ends ended ending close closes closed closing "
    "conclude concludes concluded concluding".split()
)  # fmt: skip

# Words that say what a date is of, among a date fact's keywords: two dates of one event
# with other such words (the day an outbreak was declared, its first case's onset) are two
# things, neither revising the other.
DATE_ACTIONS = START_WORDS | END_WORDS | frozenset(
    "declared declaration onset ill found discovered discovery arrested arrests arrest raid "
    "raids struck hit erupted eruption collapsed inspected inspection announced published "
    "signed voted elected sworn died death born released freed seized landed".split()
)  # fmt: skip

# A company's shares: "Shares in Merrow's parent fell 8.5%" is a move of its share price,
# not of any figure of its results.
# Not "stock" alone: reservoir stocks, a fish stock, the housing stock.
SHARE_WORDS = ("shares", "share price", "share prices", "stock price", "stock prices")

# Words that make a figure one per person: no total is compared with it.
PER_CAPITA_WORDS = (
    "per person", "per capita", "per head", "a head", "per resident", "per inhabitant",
    "per citizen", "an average of", "on average",
)  # fmt: skip

# Words by which a fact says it is an average of many (its metric, names, keywords or note):
# only such a fact holds a figure an article calls "the average rent" ("per": per person).
AVERAGE_WORDS = ("average", "mean", "median", "per")

# A rate's adjective and the way an article says it after a figure ("weekly": "£212 a week").
RATE_ADJECTIVES = {"daily": "day", "weekly": "week", "monthly": "month"}
RATE_SAYINGS = ("a", "per", "each", "every")

# Superlatives that rank a place among others ("the largest economy in West Africa").
SUPERLATIVES = frozenset(
    "largest biggest smallest highest lowest fastest slowest youngest oldest richest poorest "
    "deadliest worst best greatest strongest weakest busiest densest".split()
)

# Capitalised words after "in" that name no place ("in January", "in Parliament" aside):
# titles and generic nouns a capital letter does not make a place.
NOT_PLACE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "government ministry court league cup final party union group company bank council "
    "committee office agency service department team club association statement interview "
    "english french spanish arabic".split()
)

# Words that make a figure the whole country's: "the national average", "Nationally, ...".
NATIONAL_WORDS = (
    "nationally", "nationwide", "countrywide", "across the country", "national average",
    "national rate", "national level", "national figure", "the country as a whole",
)  # fmt: skip

# Words that make a thing counted a kind of another in one word ("seabirds" are birds).
COMPOUND_PREFIXES = ("sea", "wild", "song", "water", "farm", "shore")
# A counted word that qualifies the group noun after it ("crew members" are crew).
MEMBERS = frozenset({"member", "members"})
# What produces a sum that is a whole economy's output, said alone before the verb.
ECONOMIES = frozenset({"it", "its economy", "the economy", "the country", "the nation"})
# Words after a people noun that make it a part of the people ("residents without power",
# "residents aged over 80"), not all of a place's.
PEOPLE_POSTMODIFIERS = frozenset(
    "without with in of aged living over under who from near on at across".split()
)
