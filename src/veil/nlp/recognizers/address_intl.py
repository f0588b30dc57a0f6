"""European and UK address lines: `Ninthestraat 273, 3107 HL De Klomp`, `Via de la Paz 27, 43700
Cádiz`, `Bonbachplatz 5, 34524 Illertissen`, `3 Leah Gateway, IG9 5XS Richardsfurt`.

The street name carries its type as a suffix (Dutch/German `-straat`, `-straße`, `-weg`,
`-platz` ...) or a leading word (`Via`, `Calle`, `Rue`, `Rambla` ...), the number follows it;
after a comma come the postal code and the town. French and Welsh lines put the number first
(`12 rue de la Paix`, `2 Heol y Coed`).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import ABOVE_THE_MODEL, AnyOf, KeywordGate, VeilPatternRecognizer

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_WORD = rf"[{_UPPER}][^\W\d_]*(?:-[{_UPPER}]?[^\W\d_]+)*"
_SUFFIXES = ("straat|straße|strasse|str\\.|weg|laan|dreef|plein|platz|gasse|allee|ring|kade"
             "|gracht|steeg|markt|damm|ufer|chaussee|pad|singel|hof|vej|gade|gatan|vägen|veien|baan"
             "|boulevard|lei|dijk|dyk|park|prospekt")
_LEADING = ("Via|Viale|Vicolo|Calle|C\\.|Carrer|Avenida|Avda\\.?|Avinguda|Rue|Boulevard|Bd|Plaza"
            "|Plaça|Paseo|Pasaje|Pasadizo|Cañada|Callejón|Camino|Glorieta|Travesía|Urbanización"
            "|Vial|Alameda|Acceso|Cuesta|Carretera|Senda|Bajada|Av\\."
            "|Passeig|Rambla|Camino|Piazza|Piazzale|Corso|Largo|Rua|Travessa|Ronda|Quai|Allée"
            "|Chemin|Impasse"
            # Polish, often in lower case; not `al.` (`et al.`) nor `os.` (the left eye)
            "|ul\\.|Ul\\.|ulica|Ulica|Al\\.|aleja|Aleja|osiedle|Osiedle")
_PARTICLES = (r"(?:(?:de|del|de la|de las|de los|di|della|delle|dei|du|des|de l'|le|la|da|do"
              r"|dos)\s+)*")
# four digits at most: `Rue de la Paix, 75002 Paris` has a postal code after the comma
_NUMBER = (r"\d{1,4}(?:\s?[-/]\s?\d{1,4})?[a-zA-Z]?\b"
           r"(?:\s+(?:Puerta|Piso|Planta|Esc\.?|Bajo|Apt\.?|Bus)\s*\w{1,4}\b)?")
_STREET = (rf"(?:\b{_WORD}(?:[ -]{_WORD}){{0,3}}?[- ]?(?i:{_SUFFIXES})"
           rf"|\b(?:{_LEADING})\s+{_PARTICLES}"
           rf"{_WORD}(?:\s+{_PARTICLES}{_WORD}){{0,3}}),?\s+{_NUMBER}")
#: Q, V and X never start a UK postcode, I, J and Z are never its second letter, and C, I, K,
#: M, O and V never end it: `X7K9QL`, an airline's booking reference, is none.
_UK_POSTCODE = r"[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}"
#: An Irish Eircode, `T12 X8Y2`: a routing key (a letter and two digits, or Dublin's `D6W`),
#: then four of the letters and digits Eircodes use; a letter among those four, so that a
#: reference such as `A12 3456` is not taken for one.
_EIRCODE_CHAR = "0-9ACDEFHKNPRTVWXY"
_EIRCODE = (rf"(?:[ACDEFHKNPRTVWXY]\d{{2}}|D6W)\s?"
            rf"(?=[{_EIRCODE_CHAR}]{{0,3}}[A-Z])[{_EIRCODE_CHAR}]{{4}}")
#: A Canadian postal code, `H2X 3K8`: letter, digit, letter, digit, letter, digit (never D, F,
#: I, O, Q or U; W and Z not first).
_CA_LETTER = "ABCEGHJ-NPRSTV-Z"
_CA_POSTCODE = rf"[ABCEGHJ-NPRSTVXY]\d[{_CA_LETTER}] ?\d[{_CA_LETTER}]\d"
#: A Canadian province's or territory's code, as an address line writes it before the postal
#: code (`Toronto ON M5V 1A1`).
_CA_PROVINCE = "(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)"
#: An Australian state's code, then its postcode, which starts with the state's own digits
#: (`Parramatta NSW 2150`, `Fitzroy VIC 3065`, `Darwin NT 0800`): so a year after `SA` or `NT`
#: (`SA 2019`) is none, as only NSW's and the ACT's postcodes start with 2.
_AU_STATE_BEFORE_POSTCODE = (r"(?:(?:NSW|ACT)\.?,?\s+(?=[12])|(?:ACT|NT)\.?,?\s+(?=0[2-9])"
                             r"|(?:VIC|Vic)\.?,?\s+(?=[38])|(?:QLD|Qld)\.?,?\s+(?=[49])"
                             r"|SA\.?,?\s+(?=5)|WA\.?,?\s+(?=6)|(?:TAS|Tas)\.?,?\s+(?=7))")
_AU_POSTCODE = r"\d{4}(?!\d)"
#: The gate of the patterns that want a state's code and a postcode after a town: a regex, as
#: `sa`, `wa` and `act` start so many words (`said`, `was`) that looking them up first and
#: then searching cost twice as much.
_AU_STATE_GATE = r"(?:nsw|act|nt|vic|qld|sa|wa|tas)\.?,?\s+\d{4}(?!\d)"
#: A UK postcode in a chat's lower case, spaced (`bn2 1ud`); its last two letters are never c,
#: i, k, m, o or v.
_UK_POSTCODE_LOWER = r"[a-z]{1,2}\d[a-z\d]? \d[abd-hjlnp-uw-z]{2}"
#: A town in a chat's lower case, after an address line's comma and before such a postcode.
_TOWN_LOWER = r"(?<=,\s)[a-z]+(?: [a-z]+)?"
#: A town in a chat's lower case with no comma before it, after a street's kind (`14
#: hollybush lane sheffield s10 2dn`): the street says an address goes on.
_STREET_KIND_LOWER = (r"\b(?:lane|road|street|avenue|close|drive|way|crescent|court|place|grove"
                      r"|gardens|terrace|st|rd|ave|dr)\s+")
_TOWN_AFTER_STREET_LOWER = (r"(?!(?:to|in|at|on|by|the|and|or|of|for|from|is|near|with|off)\b)"
                            r"[a-z]+(?: [a-z]+)?")
#: A postcode's second half ends a word: the gate of both patterns of a lower-case one.
_UK_POSTCODE_LOWER_GATE = r" \d[abd-hjlnp-uw-z]{2}\b"
#: Greek, Swedish, Czech and Slovak postal codes: three digits and two (`115 26`, `114 55`).
_SPLIT_POSTCODE = r"\d{3} \d{2}(?!\d)"
#: The same, found from its space: from a digit, every digit of a note is a place to try.
_SPLIT_POSTCODE_GATE = r" \d{2}(?!\d)(?<=\d{3} \d{2})"
_POSTCODE = (rf"(?:\d{{4,5}}(?:\s?[A-Z]{{2}})?|\d{{2}}-\d{{3}}"  # `31-147`: Polish
             rf"|{_SPLIT_POSTCODE}|{_UK_POSTCODE})")
#: Where a postal code can follow an address line's comma: a digit, or a UK postcode's letters.
_POSTCODE_AFTER_COMMA_GATE = r",\s(?:\d|[a-z]{1,2}\d)"
#: Where a UK postcode (which ends in a digit and two letters), an Eircode (a letter and two
#: digits, or `d6w`, then four letters and digits) or a Canadian postal code can end: written
#: from a digit, which `re` finds at C speed.
_UK_IE_CA_POSTCODE_GATE = (r"\d(?:[a-z]{2}\b|[a-z] ?\d[a-z]\d\b"
                           r"|(?<=[acdefhknprtvwxy]\d)\d\s?[0-9a-z]{4}\b|(?<=d6)w\s?[0-9a-z]{4}\b)")
#: Where a split postal code after the town ends the address: at the clause's end.
_AT_CLAUSE_END = r"(?=\s*(?:[.,;:)]|$))"
_CITY = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
#: French street types, written before the street's name (`12 rue de la Paix`).
_FRENCH_STREET_TYPES = ("rue|boulevard|avenue|chemin|allée|impasse|place|quai|route"
                        # Quebec's abbreviation (`455 boul. des Laurentides`); not `av.`,
                        # which Spanish and Portuguese write after the number's comma
                        "|boul\\.")
#: A house number and its street: two words at least, or one that says it is a street
#: (`12 Broadway`, `88 Queensway`, `4 Eastgate`).
_HOUSE_STREET = (rf"\d{{1,4}}[A-Za-z]?\s+(?:{_WORD}(?:\s+{_WORD}){{1,3}}"
                 rf"|[{_UPPER}][a-z]+(?:way|gate)\b)")
#: Welsh kinds of street, written before the street's name as French ones are (`2 Heol y Coed`,
#: `14 Ffordd yr Orsaf`), with the article (`y`, `yr`) between.
_WELSH_STREET_TYPES = "Heol|Ffordd|Stryd|Lôn|Rhodfa|Cilgant|Teras|Maes|Clos"
#: Kinds of street Italian, Spanish and Portuguese addresses write in lower case.
_LOWER_LEADING = "via|viale|vicolo|piazza|corso|largo|calle|avenida|plaza|paseo|carrer|rua"



def _words(alternation: str) -> tuple[str, ...]:
    """The literal words of a regex alternation (`str\\.` is `str.`, `Avda\\.?` is `avda`), each
    once (a gate looks each up in every text)."""
    return tuple(dict.fromkeys(word.replace("\\.?", "").replace("\\.", ".")
                               for word in alternation.split("|")))


#: A Dublin postal district, by its number (`Dublin 6`, `Dublin 6W`) or its Eircode routing key
#: (`Dublin D11`, `Dublin D6W`).
_DUBLIN_DISTRICT = r"Dublin\s+(?:D?(?:0[1-9]|1[0-8]|2[024]|6W)|[1-9])"
#: A European street's type, then its number: the gate of the street and of the town after it.
_EUROPEAN_STREET_GATE = KeywordGate((_words(_SUFFIXES), r"(?:{words}),?\s+\d"),
                                    (_words(_LEADING.lower()), r"\b(?:{words})\.?\s"))
#: Where a town ends an address line: at a clause's end, or before a word in lower case.
_TOWN_END = r"(?=[.,;:!?)]|\s*$|\s+[a-z])"


_FRENCH_STREET_GATE = KeywordGate((_words(_FRENCH_STREET_TYPES), r"(?:{words})\s"))


class EuropeanStreetRecognizer(VeilPatternRecognizer):
    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern("European street and number", _STREET, 0.85),
        Pattern("UK flat and street",
                rf"\b(?:Flat|Apartment|Studio|Unit|Plot)\s+\d{{1,4}}[A-Za-z]?,\s+"
                rf"(?:{_HOUSE_STREET}|{_WORD}(?:\s+{_WORD}){{1,3}})", 0.85),
        # Hong Kong's and Singapore's `Room 1203, 88 Queensway`: the house number needed, as
        # `Room 12, Cardiac Unit` is a ward
        Pattern("room and street", rf"\b(?:Room|Rm\.?)\s+\d{{1,4}}[A-Za-z]?,\s+{_HOUSE_STREET}",
                0.85),
        Pattern("French number and street",
                rf"\b\d{{1,5}}(?:\s?(?:bis|ter))?,?\s+(?i:{_FRENCH_STREET_TYPES})\s+"
                rf"{_PARTICLES}{_WORD}(?:\s+{_PARTICLES}{_WORD}){{0,3}}", 0.85),
        Pattern("Welsh number and street",
                rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:{_WELSH_STREET_TYPES})\s+(?:(?:y|yr)\s+)?"
                rf"{_WORD}(?:\s+{_WORD}){{0,2}}", 0.85),
        # Italian and Spanish write the street's kind in lower case (`via Roma 12, Milano`); in
        # English `via` and `plaza` are words too (`sent via DHL 2 days ago`): the number
        # must end the clause.
        Pattern("street in lower case, number last",
                rf"\b(?:{_LOWER_LEADING})\s+{_PARTICLES}(?![{_UPPER}]+\s)"  # not `via ED 3.`
                rf"{_WORD}(?:\s+{_PARTICLES}{_WORD}){{0,3}}"
                r",?\s+\d{1,4}[a-zA-Z]?(?:/\w{1,3})?(?=\s*(?:[,.;)]|$))", 0.85),
        # No number, but the postal code and town right after: `avenue Zacharie De Oliveira,
        # 14359 Poirier`.
        Pattern("French street before postal code",
                rf"\b(?i:{_FRENCH_STREET_TYPES})\s+{_PARTICLES}{_WORD}"
                rf"(?:\s+{_PARTICLES}{_WORD}){{0,3}}(?=,\s+\d{{5}}\s)", 0.85),
    ]
    CONTEXT = ["address", "lives", "resides", "street", "mail"]
    FLAGS = 0
    GATES = {
        "European street and number": _EUROPEAN_STREET_GATE,
        "UK flat and street": KeywordGate((("flat", "apartment", "studio", "unit", "plot"),
                                           r"(?:{words})\s+\d")),
        "room and street": r"(?:room|rm\.?)\s+\d{1,4}[a-z]?,\s+\d",
        "French number and street": _FRENCH_STREET_GATE,
        "Welsh number and street": KeywordGate((_words(_WELSH_STREET_TYPES.lower()),
                                                r"\d,?\s+(?:{words})\s")),
        "street in lower case, number last": AnyOf(*_LOWER_LEADING.split("|")),
        "French street before postal code": _FRENCH_STREET_GATE,
    }


class PostcodeRecognizer(VeilPatternRecognizer):
    """A postal code between an address line's comma and its town; UK postcodes, Irish
    Eircodes and Canadian postal codes anywhere."""

    ENTITY = "ZIP_CODE"
    PATTERNS = [
        Pattern("postal code before town", rf"(?<=,\s)(?P<value>{_POSTCODE})\s+{_CITY}", 0.85),
        # one pattern, as each scan of a text costs the same whatever it looks for
        Pattern("UK, Irish or Canadian postcode",
                rf"\b(?:{_UK_POSTCODE}|{_EIRCODE}|{_CA_POSTCODE})\b", 0.5),
        Pattern("UK postcode in lower case, after a town",
                rf"{_TOWN_LOWER} (?P<value>{_UK_POSTCODE_LOWER})\b", 0.85),
        Pattern("UK postcode in lower case, after a street and a town",
                rf"{_STREET_KIND_LOWER}{_TOWN_AFTER_STREET_LOWER} "
                rf"(?P<value>{_UK_POSTCODE_LOWER})\b", 0.85),
        Pattern("split postal code after town",  # `, Athens 115 26` as Greece writes it
                rf"(?<=,\s){_CITY}\s+(?P<value>{_SPLIT_POSTCODE}){_AT_CLAUSE_END}", 0.85),
        # Singapore's six digits after the city-state's name, as its addresses end
        Pattern("Singapore postal code", r"\bSingapore\s+(?P<value>\d{6})(?!\d)", 0.85),
        Pattern("Australian postcode after town and state",
                rf"\b{_CITY},?\s+{_AU_STATE_BEFORE_POSTCODE}(?P<value>{_AU_POSTCODE})", 0.85),
    ]
    CONTEXT = ["postcode", "postal", "zip", "address", "eircode"]
    FLAGS = 0
    GATES = {"postal code before town": _POSTCODE_AFTER_COMMA_GATE,
             "UK, Irish or Canadian postcode": _UK_IE_CA_POSTCODE_GATE,
             "UK postcode in lower case, after a town": _UK_POSTCODE_LOWER_GATE,
             "UK postcode in lower case, after a street and a town": _UK_POSTCODE_LOWER_GATE,
             "split postal code after town": _SPLIT_POSTCODE_GATE,
             "Australian postcode after town and state": _AU_STATE_GATE,
             "Singapore postal code": r"singapore\s+\d{6}"}


class PostcodeCityRecognizer(VeilPatternRecognizer):
    """The town after a postal code, `, 34524 Illertissen`, `, IG9 5XS Richardsfurt`; and
    before a UK postcode or an Irish Eircode, as they are written: `, Leeds LS1 4AP`, `, Cork
    T12 X8Y2`."""

    ENTITY = "LOCATION"
    PATTERNS = [
        Pattern("town after postal code",
                rf"(?<=,\s){_POSTCODE}\s+(?P<value>{_CITY}){_TOWN_END}", ABOVE_THE_MODEL),
        # with no postal code, right after the street and its number (`Av. Paulista 1578, São
        # Paulo;`, `Av. Corrientes 1234, Buenos Aires kept his card`)
        Pattern("town after a street and its number",
                rf"{_STREET},\s+(?P<value>{_CITY}){_TOWN_END}", ABOVE_THE_MODEL),
        Pattern("town before UK postcode or Eircode",
                rf"(?<=,\s)(?P<value>{_CITY})\s+(?:{_UK_POSTCODE}|{_EIRCODE})\b",
                ABOVE_THE_MODEL),
        Pattern("town before UK postcode, in lower case",
                rf"(?P<value>{_TOWN_LOWER}) {_UK_POSTCODE_LOWER}\b", 0.8),
        Pattern("town after a street, before UK postcode, in lower case",
                rf"{_STREET_KIND_LOWER}(?P<value>{_TOWN_AFTER_STREET_LOWER}) "
                rf"{_UK_POSTCODE_LOWER}\b", 0.8),
        # Dublin's postal districts, or their Eircode routing keys: `Apt 5, 17 Rosemount Ave,
        # Dublin 6`, `Ballymun, Dublin D11`
        Pattern("Dublin postal district",
                rf"(?<=,\s)(?P<value>{_DUBLIN_DISTRICT})(?![\w-])", ABOVE_THE_MODEL),
        # and the neighbourhood before one, after a comma or a word in lower case (`last known
        # address Ballymun, Dublin D11`): not the end of a street's name (`17 Rosemount Ave`)
        Pattern("neighbourhood before a Dublin postal district",
                rf"(?:^|(?<=[,:;(]\s)|\b[a-z]+\s+)(?P<value>{_CITY}),\s+{_DUBLIN_DISTRICT}"
                r"(?![\w-])", ABOVE_THE_MODEL),
        Pattern("town before split postal code",
                rf"(?<=,\s)(?P<value>{_CITY})\s+{_SPLIT_POSTCODE}{_AT_CLAUSE_END}",
                ABOVE_THE_MODEL),
        Pattern("town before Australian state and postcode",
                rf"\b(?P<value>{_CITY}),?\s+{_AU_STATE_BEFORE_POSTCODE}{_AU_POSTCODE}",
                ABOVE_THE_MODEL),
        Pattern("town before Canadian province and postal code",
                rf"\b(?P<value>{_CITY}),?\s+{_CA_PROVINCE}\.?,?\s+{_CA_POSTCODE}\b",
                ABOVE_THE_MODEL),
    ]
    FLAGS = 0
    GATES = {"town after postal code": _POSTCODE_AFTER_COMMA_GATE,
             "town after a street and its number": _EUROPEAN_STREET_GATE,
             "town before UK postcode or Eircode": _UK_IE_CA_POSTCODE_GATE,
             "town before UK postcode, in lower case": _UK_POSTCODE_LOWER_GATE,
             "town after a street, before UK postcode, in lower case": _UK_POSTCODE_LOWER_GATE,
             "Dublin postal district": AnyOf("dublin"),
             "neighbourhood before a Dublin postal district": AnyOf("dublin"),
             "town before split postal code": _SPLIT_POSTCODE_GATE,
             "town before Australian state and postcode": _AU_STATE_GATE,
             "town before Canadian province and postal code": _UK_IE_CA_POSTCODE_GATE}
