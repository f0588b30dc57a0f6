"""Street addresses, PO boxes, ZIP codes and the city of a US address line (HIPAA identifier 2).

Presidio has no recognizer for them and the small NER model misses most. The street suffixes
are the USPS list (as shipped in Faker's en_US address data) plus their common abbreviations.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import (
    ABOVE_THE_MODEL,
    AnyOf,
    DigitRunGate,
    KeywordGate,
    VeilPatternRecognizer,
)

US_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
             "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP "
             "FM MH PW AA AE AP").split()
_ABBREVIATIONS = ("St Ave Av Rd Blvd Dr Ln Ct Cir Pl Pkwy Hwy Ter Trl Way Sq Plz Aly Xing Expy "
                  "Fwy Pike Loop Row Walk Path Mall Crst Cv Grn Hts Jct Lk Mnr Mt Pt Rdg Spg Sta "
                  "Vw Vlg Vis Brg Byp Cswy Ctr Crk Est Frk Gdn Gln Hbr Hl Holw Is Knl Mdw Ml "
                  "Orch Pass Prt Rnch Shr Spur Strm Tpke Un Vly "
                  # Australia's and New Zealand's (`3/5 Ocean Pde`, `8 Marine Esp`)
                  "Pde Parade Esp Esplanade Cct Circuit Cres Tce").split()
#: Words Indian addresses end a street's or a neighbourhood's name with (`14 Gandhi Nagar`,
#: `22 MG Marg`): none an English word.
_INDIAN_SUFFIXES = ("Nagar", "Marg", "Vihar")


def _street_suffixes() -> list[str]:
    from faker.providers.address.en_US import Provider

    words = set(Provider.street_suffixes) | set(_ABBREVIATIONS) | set(_INDIAN_SUFFIXES)
    # longest first so "Street" beats "St"; then alphabetical, as a set's order changes from
    # one process to the next and the regex built from them with it
    return sorted(words, key=lambda word: (-len(word), word))


_STATE = "(?:" + "|".join(US_STATES) + ")"
_STATE_LOWER = "(?:" + "|".join(state.lower() for state in US_STATES) + ")"
#: A capitalised word of a town's name, in any Latin script (`Köln`, `Évry`).
_TOWN_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_A-ZÀ-ÖØ-Þ]+"
#: Suffixes as written, and in capitals (`123 MAIN ST` in a bank's or a KYC system's records)
#: but for the two that are words in capitals (`2 TABS IS`).
_SUFFIXES = _street_suffixes()
_SUFFIX = "(?:" + "|".join([*_SUFFIXES, *(suffix.upper() for suffix in _SUFFIXES
                                          if suffix not in ("Is", "Un"))]) + r")\.?"
_WORD = r"(?:[A-Z][a-zA-Z'’-]*|\d+(?:st|nd|rd|th))"
_UNIT = (r"(?:,?\s+(?i:apt|apartment|suite|ste|unit|room|rm|floor|fl|bldg|building|#)\.?"
         r"\s*#?\s*[A-Z0-9-]{1,6}\b)")
_DIRECTION = r"(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?\s+)"
_POST_DIRECTION = r"(?:\s+(?:[NSEW]|NE|NW|SE|SW)\.?)"
# a unit's number may come first, with a slash (`3/5 Ocean Pde`, as Australia writes it),
# before a house number of three digits at most (`11/18/2024 WITH DR.` is a date)
_STREET = (rf"\b(?:\d{{1,4}}[A-Z]?/(?=\d{{1,3}}[A-Z]?\s))?\d{{1,6}}[A-Z]?\s+{_DIRECTION}?"
           rf"{_WORD}(?:\s+{_WORD}){{0,3}}\s+{_SUFFIX}"
           rf"{_POST_DIRECTION}?(?!\w){_UNIT}?")
_STREET_LOWER = "street address (lower case, after an address word)"
#: Kinds of street written in full, which name a street without its number after `on`, `near`.
_STREET_WORDS = ("Street|Road|Lane|Avenue|Drive|Close|Crescent|Grove|Gardens|Terrace|Place"
                 "|Boulevard|Way|Parade|Mews|Row")
#: A street in a chat's lower case (`my address is 123 main st apt 4b`): the common suffixes
#: only, since in lower case `2 blocks down the path` has the same shape.
_COMMON_SUFFIXES = ("street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place"
                    "|pl|terrace|circle|cir|highway|hwy|parkway|pkwy|crescent|close")
_STREET_IN_LOWER_CASE = (
    r"(?i:\b(?:(?:flat|apt|apartment|unit)\s+\d{1,4}[a-z]?,?\s+)?"  # `flat 2b 18 victoria rd`
    r"\d{1,6}[a-z]?\s+(?:(?:north|south|east|west|[nsew])\.?\s+)?[a-z][a-z'’-]*"
    rf"(?:\s+[a-z][a-z'’-]*){{0,2}}\s+(?:{_COMMON_SUFFIXES})\.?(?!\w){_UNIT}?)")
#: A chat's address line in lower case with no commas: a street, the town, the state's code
#: and the ZIP (`2210 w broadway rd apt 14 tempe az 85282`).
_LOWER_ADDRESS_LINE = (rf"{_STREET_IN_LOWER_CASE}\s+(?!(?:in|at|on|to|and|the|near)\b)"
                       rf"(?P<town>[a-z]+(?:\s[a-z]+)?)\s+(?:{_STATE_LOWER})\s+"
                       r"(?P<code>\d{5})(?![\d-])")
#: A state's code, then a ZIP: in every text the patterns of a state and ZIP can match
#: (`[a-z]{2}\.?,?\s+\d{5}(?!\d)`), written from the space before the ZIP: `re` tries it
#: only where a space is followed by five digits, and looks back from there.
_STATE_THEN_ZIP = (r"\s\d{5}(?!\d)(?:(?<=[a-z]{2}\s\d{5})|(?<=[a-z]{2}[.,]\s\d{5})"
                   r"|(?<=[a-z]{2}\.,\s\d{5})|(?<=\s\s\d{5}))")
#: What makes a street in lower case an address: a word for one in the sentence before it
#: (`I live at`, `ship it to`), or `at`/`to` right before its number.
_ADDRESS_WORD_BEFORE = re.compile(
    r"\b(?:address|addr|adress|addres|addy|live[sd]?|living|reside[sd]?|residing|ship(?:ped|ping)?|"
    r"deliver(?:ed|y)?|send|sent|mail(?:ed)?|moved?|located|home)\b[^.!?;]*$"
    r"|\b(?:at|to|on|from|near)\s+$", re.IGNORECASE)


class StreetAddressRecognizer(VeilPatternRecognizer):
    """`4821 Maple Grove Ave, Apt 12`, `88 N. Elm St`, `PO Box 4471`."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern("street address", _STREET, 0.9),
        Pattern(_STREET_LOWER, _STREET_IN_LOWER_CASE, 0.85),
        Pattern("PO box", r"\b(?:P\.?\s?O\.?|Post\s+Office)\s*Box\s+\d{1,6}\b", 0.85),
        # a street without its number, after a word for where (`saw the vehicle near his home
        # on Coldharbour Lane`): the kind of street in full, as a word alone names none; above
        # the model's score, which calls such a street a person
        Pattern("street name (after on, in, near)",
                r"\b(?i:on|in|near|off|along|at|from|to)\s+(?P<value>(?:[A-Z][a-z'’]+\s+){1,3}"
                rf"(?:{_STREET_WORDS}))\b", 0.9),
        Pattern("military address", r"\b(?:PSC|Unit|USNS|USNV|USS|USCGC)\s+\d{3,5}"
                r"(?:,?\s+Box\s+\d{1,5})?(?=,?\s+(?:APO|FPO|DPO)\b)", 0.85),
    ]
    CONTEXT = ["address", "lives", "resides", "street", "mail", "ship"]
    FLAGS = 0
    GATES = {"street address": DigitRunGate(1),
             # a number, then words, then a suffix (`Dr. Lee` and `CT scan` hold one alone)
             _STREET_LOWER: rf"\d[a-z]?\s+(?:[a-z'’.-]+\s+){{1,4}}(?:{_COMMON_SUFFIXES})\b",
             "PO box": r"box\s+\d", "military address": "apo|fpo|dpo",
             "street name (after on, in, near)": AnyOf(*_STREET_WORDS.lower().split("|"))}

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return (pattern_name != _STREET_LOWER
                or _ADDRESS_WORD_BEFORE.search(text, max(0, start - 60), start) is not None)


#: A town after a street address, then a postcode of four or six digits ending the clause, as
#: Australia (with no state), New Zealand and India write one: `12 Kauri Rd, Whangārei 0110`,
#: `4/22 Banksia St Dee Why 2099 thx`, `14 Gandhi Nagar, Pune 411001`.
#: A city-state's name there is its country's, which Safe Harbor keeps (`8 Marina View,
#: Singapore 018960`).
#: The sector, phase or block an Indian address line names before its town (`Sector 15, Noida
#: 201301`).
_INDIAN_LOCALITY = r"\b(?:Sector|Phase|Block)\s+[0-9A-Z]{1,3}\b"
_TOWN_THEN_POSTCODE = (rf"(?:{_STREET}|{_INDIAN_LOCALITY}),?\s+"
                       r"(?!(?:Singapore|Monaco|Luxembourg|Hong Kong|Macau|Room|Flat|Unit|Floor"
                       r"|Apt|Apartment|Suite|Level|Box|Tower|Wing)\b)"
                       rf"(?P<town>{_TOWN_WORD}(?:[ -]{_TOWN_WORD}){{0,2}})\s+"
                       r"(?P<code>\d{4}|\d{6})(?=\s*(?:[.,;:)!?]|$)|\s+[a-z])")
_TOWN_THEN_POSTCODE_GATE = r" (?<=[a-z] )(?:\d{4}|\d{6})(?:\s*(?:[.,;:)!?]|$)|\s+[a-z])"


def _found_as_value(regex: str, group: str) -> str:
    """`regex` with its group `group` renamed `value`, the part a recognizer finds: the ZIP
    and the town recognizers scan one address line's regex, each for its own part."""
    if f"(?P<{group}>" not in regex:
        msg = f"no group `{group}` in the regex"
        raise ValueError(msg)
    return regex.replace(f"(?P<{group}>", "(?P<value>")


class ZipCodeRecognizer(VeilPatternRecognizer):
    """A ZIP after a state code (`Springfield, IL 62704`) or a label; a bare one needs context."""

    ENTITY = "ZIP_CODE"
    PATTERNS = [
        Pattern("ZIP after state", rf"\b{_STATE}\.?,?\s+(?P<value>\d{{5}}(?:-\d{{4}})?)\b", 0.9),
        # a chat's lower case: after the town's comma (`springfield, il 62704`)
        Pattern("ZIP after state (lower case)", rf",\s*{_STATE_LOWER}\.?,?\s+"
                r"(?P<value>\d{5}(?:-\d{4})?)\b", 0.9),
        Pattern("ZIP ending a lower-case address line",
                _found_as_value(_LOWER_ADDRESS_LINE, "code"), 0.85),
        Pattern("ZIP (labelled)", r"\b(?i:zip|zip\s*code|postal\s*code|zipcode)\s*"
                r"(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d{5}(?:-\d{4})?)\b", 0.9),
        # a Brazilian CEP, by its label (`CEP 01310-100`)
        Pattern("CEP (labelled)", r"\b(?i:cep)\s*[:#]?\s*(?P<value>\d{5}-?\d{3})\b", 0.9),
        Pattern("postcode after a street and a town",
                _found_as_value(_TOWN_THEN_POSTCODE, "code"), 0.85),
        Pattern("ZIP+4", r"\b\d{5}-\d{4}\b", 0.3),
        Pattern("ZIP (bare)", r"\b\d{5}\b(?!-\d)", 0.05),
    ]
    CONTEXT = ["zip", "postal", "postcode", "zipcode"]
    FLAGS = 0
    GATES = {"ZIP (labelled)": "zip|postal", "ZIP+4": r"-\d{4}", "CEP (labelled)": "cep",
             "ZIP after state": _STATE_THEN_ZIP, "ZIP (bare)": DigitRunGate(5),
             "ZIP after state (lower case)": _STATE_THEN_ZIP,
             "ZIP ending a lower-case address line": _STATE_THEN_ZIP,
             "postcode after a street and a town": _TOWN_THEN_POSTCODE_GATE}


class AddressCityRecognizer(VeilPatternRecognizer):
    """The town of an address line (`..., Lake Jennifer, TX 75001`) or of where someone lives."""

    ENTITY = "LOCATION"
    PATTERNS = [
        Pattern("city before state and ZIP",
                rf"(?P<value>\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}),?\s+{_STATE}\.?,?"
                r"\s+\d{5}\b",
                ABOVE_THE_MODEL),
        Pattern("city in capitals before state and ZIP",  # `SPRINGFIELD IL 62704`
                rf"(?P<value>\b[A-Z]{{2,}}(?:[ -][A-Z]{{2,}}){{0,2}}),?\s+{_STATE}\.?,?"
                r"\s+\d{5}\b",
                ABOVE_THE_MODEL),
        Pattern("town after a street address", rf"{_STREET}\s+in\s+(?P<value>[A-Z][a-z]+"
                r"(?:[ -][A-Z][a-z]+){0,2})\b", ABOVE_THE_MODEL),
        Pattern("military post office", r"\b(?P<value>APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b", 0.8),
        Pattern("town in a lower-case address line",
                _found_as_value(_LOWER_ADDRESS_LINE, "town"), ABOVE_THE_MODEL),
        # after a street address and its comma, ending it (`forwarding address 5 Cedar Court,
        # Reading.`); not the flat or the building that may follow
        Pattern("town ending a street address",
                rf"{_STREET},\s+(?!(?:Apt|Apartment|Suite|Unit|Flat|Floor|Room|Building|Block|Box"
                rf"|PO|Attn)\b)(?P<value>{_TOWN_WORD}(?:[ -]{_TOWN_WORD}){{0,2}})"
                r"(?=\s*(?:[.;,)]|$))", ABOVE_THE_MODEL),
        Pattern("town between a street and a postcode",
                _found_as_value(_TOWN_THEN_POSTCODE, "town"), ABOVE_THE_MODEL),
        # after a care facility's name and its comma, ending the clause (`died at St Luke's
        # Hospice, Sheffield;`, `transferred from Mayo Clinic, Rochester, MN`); not a ward, a
        # department or a person named after it
        Pattern("town after a care facility",
                r"\b(?:Hospital|Hospice|Infirmary|Clinic|Surgery|Practice|Medical\s+Cent(?:er|re)"
                r"|Health\s+Cent(?:er|re)|Care\s+Home|Nursing\s+Home),\s+(?!(?:Ward|Unit"
                r"|Department|Dept|Wing|Block|Floor|Level|Room|Bed|Bay|Suite|Building|Main|North"
                r"|South|East|West|Dr|Mr|Mrs|Ms|Miss|Prof|Attn|Tel|Phone|Fax|Ref|The|Emergency"
                rf"|Outpatients?|Inpatients?|Radiology|Pharmacy|Reception)\b)(?P<value>{_TOWN_WORD}"
                rf"(?:[ -]{_TOWN_WORD}){{0,2}})(?=\s*(?:[.;,)]|$))", ABOVE_THE_MODEL),
        # where someone lives, stays or moved: `lives with wife Beatriz in Hialeah`, `resides
        # in Fort Lee`, `staying at a friend's in Dayton`, `moved from Reykjavík in 2021`,
        # `residente a Milano`, `wohnt in Köln`; not the kind of home (`lives in Assisted
        # Living`, `in Section 8 housing`) nor a month
        Pattern("town where someone lives",
                r"(?:\b(?i:lives|living|resides|residing|staying|stays)\b"
                r"(?:\s+(?i:(?:alone|with|at)\b|w/)[^.;\n]{0,40}?)?\s+in"
                r"|\b(?i:moved|relocated|moving|relocating)(?:\s+(?i:here|back))?\s+(?i:from|to)"
                r"|\b(?i:originally)\s+(?i:from)"
                # the same on Italian, Spanish, French, German and Dutch forms
                r"|\b(?i:residente|abita|vive|habite|wohnt|woont)\s+(?i:a|à|in|en))"
                r"\s+(?!(?:Assisted|Section|Senior|Supported|Sheltered|Group|Public|Nursing|Bed"
                r"|Hospital|Hospice|Ward|Care|Rehab|Respite|Hotel|Hostel|Shelter|Prison|Custody"
                # nor the flat an address line starts with (`moved to Apt 9, 77 Rue ...`)
                r"|Apt|Apartment|Flat|Unit|Suite|Room|Floor|Level|Block|Building|House|Home"
                r"|Independent|Long|Skilled|The|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov"
                r"|Dec|January|February|March|April|June|July|August|September|October|November"
                rf"|December)\b)(?P<value>{_TOWN_WORD}(?:[ -]{_TOWN_WORD}){{0,2}})\b"
                r"(?!['’]s\b)",  # `moved to Sarah's house`: a person's home
                ABOVE_THE_MODEL),
        # a bank's or a shop's branch, by the town it is in (`the branch at Peckham`, `our
        # Croydon branch`): where a customer banks narrows down where they live
        Pattern("town of a branch",
                r"\b(?i:branch(?:es)?)\s+(?i:at|in)\s+"
                rf"(?P<value>{_TOWN_WORD}(?:[ -]{_TOWN_WORD}){{0,2}})\b", 0.8),
        Pattern("town before branch", r"\b(?i:the|our|your|my|their|his|her|at|from)\s+"
                r"(?!(?:Executive|Legislative|Judicial|Main|Head|Local|Nearest)\s+(?i:branch))"
                rf"(?P<value>{_TOWN_WORD}(?:[ -]{_TOWN_WORD})?)\s+(?i:branch)\b", 0.8),
    ]
    FLAGS = 0
    GATES = {"city before state and ZIP": _STATE_THEN_ZIP,
             "city in capitals before state and ZIP": _STATE_THEN_ZIP,
             "town after a street address": r"in(?<=\sin)\s+[^\W\d_]",
             "military post office": KeywordGate((("apo", "fpo", "dpo"), r"(?:{words})\s")),
             "town between a street and a postcode": _TOWN_THEN_POSTCODE_GATE,
             "town of a branch": AnyOf("branch"), "town before branch": AnyOf("branch"),
             # the facility's word and its comma: the words alone are in most notes
             "town after a care facility": KeywordGate(
                 (("hospital", "hospice", "infirmary", "clinic", "surgery", "practice", "centre",
                   "center", "home"), r"(?:{words}),\s")),
             "town in a lower-case address line": _STATE_THEN_ZIP,
             # from the comma, which `re` finds at C speed (looking the street's kinds up first
             # cost more than the pattern: a regex for each set of them found in a note)
             "town ending a street address": r",\s+[^\W\d_]+(?:[ -][^\W\d_]+){0,2}\s*(?:[.;,)]|$)",
             "town where someone lives": AnyOf("lives", "living", "resid", "abita", "vive",
                                               "habite", "wohnt", "woont", "stay", "moved",
                                               "moving", "relocat", "originally")}
