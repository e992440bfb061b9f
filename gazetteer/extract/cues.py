"""The tables detection and drafting read: cue words, common words, organisation heads.

Edit a table, not the code (DESIGN.md, style 3). Words are compared in lower case.
"""

from __future__ import annotations

# Words just before a name that make it a place ("in Ubari", "the town of Awbari").
PLACE_CUES: frozenset[str] = frozenset(
    {
        "in", "near", "at", "from", "to", "into", "towards", "toward", "outside", "around",
        "via", "through", "across", "of", "between", "and", "reach", "reached", "entered",
        "seized", "captured", "controls", "controlled", "fled", "left", "escaped", "then",
        "for", "besieged", "attacked", "stormed", "recaptured", "retook", "liberated",
        "inside", "within", "outskirts", "town", "city", "village", "oasis", "port", "capital",
        "في", "من", "الى", "إلى", "قرب", "مدينة",
    }
)  # fmt: skip
# Phrases that introduce examples ("towns such as Gao"): weak place cues, like
# those of WEAK_CUES (enough for a name the gazetteer knows).
EXAMPLE_CUES = ("such as",)
# Of those, the cues that also precede people and things ("according to Jones", "the
# appointment of Brown", "Smith and Taylor"): enough for a name the gazetteer knows, not
# to make the name a place everywhere else in the report.
WEAK_CUES: frozenset[str] = frozenset(
    {"of", "and", "to", "for", "at", "then", "left", "reach", "reached", "between", "from",
     *EXAMPLE_CUES}
)  # fmt: skip
# Of those, the cues after which even a name the model calls an organisation is the place
# ("in Elkhart", "a man, 24, of Elkhart", "a boy, 15, from Bicester": ", of" and ", from"
# say where a person lives): not "from CNN", "at Google", "for Apple".
ORG_PLACE_CUES: frozenset[str] = frozenset(
    {"in", "within", "inside", "outside", ", of", ", from", "capital", "city", "town", "village"}
)
# Phrases before a name that ask for a point or an area (the record's precision).
POINT_CUES = ("town of", "city of", "village of", "the oasis of", "the port of")
AREA_WORDS: frozenset[str] = frozenset(
    {"province", "region", "district", "governorate", "state", "county", "valley", "mountains"}
)
# Common words that are also place names: a mention of one needs a place cue before it
# ("in Nice" is the city, "Nice weather" is not; "Reading a report"; "Mobile phone").
COMMON_WORDS: frozenset[str] = frozenset(
    {
        "nice", "reading", "mobile", "gold", "split", "bath", "orange", "mars", "hope",
        "independence", "unity", "victory", "freedom", "liberty", "union", "sale", "deal",
        "hull", "mission", "paradise", "eden", "sunrise", "media", "similarities", "batman",
        "darwin", "lincoln", "florence", "marion", "austin", "jackson", "clinton", "wells",
    }
)  # fmt: skip
# Words the gazetteer matcher never takes as a name on its own, cue or not ("in May",
# "in March", "in North", "in Parliament"): dates, directions and institutions.
NEVER_ALONE: frozenset[str] = frozenset(
    {
        "may", "march", "june", "july", "august", "january", "february", "april",
        "september", "october", "november", "december", "christmas", "easter", "ramadan",
        "passover", "thanksgiving", "hanukkah", "eid", "i'm", "i'll", "i've", "i'd",
        "northeast", "northwest", "southeast", "southwest", "emergency", "block",
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "north", "south", "east", "west", "central", "new", "old", "will", "more", "most",
        "home", "main", "city", "state", "county", "republic", "kingdom", "empire", "capital",
        "island", "airport", "senate", "house", "congress", "court", "police", "university",
        "white", "green", "black", "red", "the", "a", "an", "this", "that", "he", "she", "it",
        "we", "they", "i", "you", "his", "her", "their", "our", "its", "but", "and", "or",
        "if", "when", "after", "before", "during", "since", "western", "eastern",
        "northern", "southern", "islamic", "islam", "muslim", "christian", "jihad",
        "government", "army", "forces", "council", "ministry", "office", "department",
        "mr", "mrs", "ms", "dr", "gen", "general", "president", "minister", "prime",
        "international", "national", "federal", "united", "nations", "union", "page",
        "town", "township", "village", "junior", "senior", "metro", "midtown", "downtown",
        "uptown",
    }
)  # fmt: skip
# Endings of the adjectives and plurals of peoples, faiths and regions that the demonym
# table does not list ("Asian", "Ohioans", "Jewish", "Sinhalese"): a group the model
# marks so (NORP) and that ends so is that group, whatever place shares its spelling; a
# group's name that ends otherwise after a place cue is the place ("nuns in Pewaukee").
GROUP_ENDINGS: tuple[str, ...] = ("an", "ans", "ish", "ese", "ic", "ics", "ist", "ists")
# A one-word name the model calls a person, that no person of the report is named with in
# full, is the town of that name when a town so named has at least this many people
# ("Gainesville", "Alexandria"): people are named in full before they are named by one word.
PERSON_TOWN_POPULATION = 100_000
# Abbreviations that name a place; any other word of two or three capitals ("IS", "UN",
# "ISI") is a group's or an organisation's initials, however the index spells places.
PLACE_ABBREVIATIONS: frozenset[str] = frozenset(
    {"US", "USA", "UK", "UAE", "DRC", "KSA", "PRC", "ROK", "CAR"}
)
# A place name followed by one of these is an organisation, a team, a title or a feature
# named after the place, not the place ("Libya Dawn", "Manchester United", "Derna
# Mujahideen Shura Council", "The Atlanta Journal", "Memphis Street").
ORG_HEADS: frozenset[str] = frozenset(
    {
        "united", "city", "fc", "times", "post", "herald", "tribune", "journal", "news",
        "airlines", "airways", "bank", "brigade", "brigades", "battalion", "dawn", "shield",
        "revolutionaries", "mujahideen", "rangers", "center", "centre", "club", "company",
        "corporation", "inc", "ltd", "group", "party", "front", "army", "guard", "navy",
        "force", "forces", "museum", "church", "mosque", "street", "st", "road", "avenue",
        "stadium", "square", "express", "daily", "gazette", "observer", "telegraph",
        "chronicle", "star", "sun", "mail", "examiner", "courier", "standard", "press",
        "magazine", "review", "senators", "giants", "lakers", "bulls", "hall", "mall", "park",
        "bridge", "tower",
    }
)  # fmt: skip
# Diseases and viruses named after the place they were first found in ("West Nile virus",
# "Reston ebolavirus", "Rift Valley fever", "Lyme disease"): the disease, not the place.
DISEASE_HEADS: frozenset[str] = frozenset(
    {"virus", "viruses", "ebolavirus", "fever", "flu", "influenza", "disease", "encephalitis",
     "strain", "variant", "syndrome"}
)  # fmt: skip
# The institutions of a place: a place name followed by one of these ("Athens Police
# Department", "the Dublin Arts Council", "Laurel County Schools") is still the place,
# where the institution sits (the report locates what it says there). Not "court" (the
# Superior or Supreme Court; Rye Court, a street), nor "university" or "college" (named
# after people as often as after places: Harvard, Columbia, Smith College).
INSTITUTION_HEADS: frozenset[str] = frozenset(
    {
        "police", "sheriff", "sheriff's", "fire", "county", "council", "board", "school",
        "schools", "district", "department", "hospital", "institute",
        "high", "library", "assembly", "parliament", "congress", "government", "ministry",
        "courthouse", "jail", "mayor", "officials", "authorities", "residents",
        "area", "municipality", "commission", "committee", "chamber", "state",
        # ... and its people ("an Elkhart man", "Mansfield voters"): where they are from.
        "man", "woman", "men", "women", "teen", "teenager", "boy", "girl", "native", "natives",
        "couple", "resident", "students", "voters", "officers", "councillor", "councilor",
    }
)  # fmt: skip
# Words that begin the name of an institution of a place, written in capitals after the
# place's name ("the Paris Public Library", "Gwinnett Medical Center", "Feltham
# Magistrates' Court", "the Alexandria Zoo"; not "an English public school").
INSTITUTION_NAME_WORDS: frozenset[str] = frozenset(
    {
        "public", "community", "regional", "medical", "metropolitan", "civic", "municipal",
        "correctional", "circuit", "superior", "magistrates", "magistrates'", "crown",
        "historical", "education", "seniors", "health", "utilities", "emergency", "zoo",
        "festival",
    }
)  # fmt: skip
# The last word of a name that makes it an area by itself ("Morrow County", "Oakport
# Township"): heading an organisation or a title, it is still the area ("the Morrow County
# Municipal Court", "McMinn County Sheriff"); no person is named so.
AREA_TYPES: frozenset[str] = frozenset(
    {"county", "parish", "township", "twp", "borough", "province", "governorate", "oblast"}
)
# Words after the head of a name that make the whole a feature of its own, not a part of
# the place it is named after ("Catawba River", "Darby Street", "the Webb Center"): the
# head does not stand in for it.
FEATURE_WORDS: frozenset[str] = frozenset(
    {"river", "lake", "creek", "sea", "ocean", "bay", "gulf", "island", "islands",
     "mountain", "mountains", "peninsula", "strait", "canal", "reservoir", "forest",
     "street", "st", "road", "rd", "drive", "dr", "avenue", "ave", "lane", "ln", "boulevard",
     "blvd", "way", "highway", "hwy", "trail", "walk", "court", "ct", "place", "circle",
     "parkway", "pike", "center", "centre", "ridge", "memorial", "garden", "gardens",
     "bridge", "square", "plaza", "mall", "terrace", "day"}
)  # fmt: skip
# Words after a town's name that begin the name of the town's own body ("Greer City
# Hall", "the Whitestown Town Hall", "the Glen Carbon Village Board").
TOWN_WORDS: frozenset[str] = frozenset({"city", "town", "village", "township", "borough"})
# ... and the bodies of a town that are not institutions of any place ("City Hall", "Town
# Clerk", "City Court").
TOWN_BODIES: frozenset[str] = frozenset(
    {"hall", "office", "offices", "court", "manager", "attorney", "clerk", "limits"}
)
# Compass words before an area's name ("North Texas", "Northeast Georgia", "Southern
# Sudan"): a part of the area; the area stands in when the part is not a place of its own.
COMPASS_PARTS: frozenset[str] = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
     "southeastern", "southwestern", "central", "upper", "lower", "far"}
)  # fmt: skip
# Abbreviations that begin a place name and end in a full stop ("St. Cloud", "Mt.
# Pleasant", "Ft. Myers"): the matcher reads through the stop.
NAME_ABBREVIATIONS: frozenset[str] = frozenset({"st", "ste", "mt", "ft", "pt"})
# A legislator's party and place after the name, in US reports ("Sen. Bob Casey, D-Pa.",
# "Linda Sumner, R-Raleigh"): the state or town the legislator represents.
PARTY_PLACE = r"(?:^|(?<=[,(]))\s*(?:D|R|I|DFL)-(?P<place>[A-Z][\w'’.]*(?: [A-Z][\w'’.]*)?)"
# A list of names that ends in the plural of an area word: each is an area ("Barrow and
# Jackson counties", "Clarke, Madison, Oconee and Oglethorpe counties").
_NAME = r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?"
AREA_LIST = (
    rf"\b{_NAME}(?:, {_NAME})*,? (?:and|or) {_NAME} "
    r"(?:counties|parishes|provinces|states|districts|governorates|regions)\b"
)
# What stands between the members of a list of names ("Crockett, Palestine and Houston").
LIST_GAPS: frozenset[str] = frozenset({", ", " and ", ", and ", " or ", ", or ", "; "})
# Words that begin an institution named "of" a place ("University of Rochester", "the
# Government of Libya").
INSTITUTIONS_OF: frozenset[str] = frozenset(
    {"university", "college", "government", "state", "city", "county", "town", "people",
     "province", "district", "republic", "kingdom", "bank", "port", "mayor", "governor"}
)  # fmt: skip
# A report's dateline: a name in capitals at the start of a line or sentence, then a dash
# or an agency ("MANSFIELD -- The council...", "BOWLING GREEN, Ohio (AP) -").
DATELINE_TAIL = r"^(?:,[^\n]{1,30}?)?\s*(?:\([A-Za-z]{1,10}\)\s*)?(?:--|-|—|–|\x97)\s"
# Titles before a name that make it a person ("President Washington", "Gen. Haftar").
PERSON_TITLES: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "dr", "gen", "general", "president", "sen", "sens", "senator", "rep",
        "reps",
        "gov", "governor", "col", "colonel", "capt", "captain", "sgt", "lt", "prof",
        "sheikh", "imam", "king", "queen", "prince", "minister", "mayor", "judge", "saint",
        "st", "lord", "sir", "abu", "bin", "ibn",
    }
)  # fmt: skip
# Words that join the parts of one name ("Ras al-Hilal", "Bani Walid", "Dar es Salaam").
CONNECTORS: frozenset[str] = frozenset(
    {"al", "el", "ad", "as", "az", "ash", "es", "de", "del", "la", "le", "of", "on", "upon",
     "bin", "ben", "bani", "bir", "wadi", "ras", "sidi", "umm", "abu", "ibn", "al-", "el-"}
)  # fmt: skip
