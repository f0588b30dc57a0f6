"""SWIFT / BIC codes (ISO 9362): bank, ISO country, location, optional branch. Presidio has none.

Eight capital letters are common in text ("HOSPITAL"), so the country part must be a real
ISO 3166 code and a bare code needs context ("SWIFT", "BIC").
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import VeilPatternRecognizer

ISO_COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
""".split())

#: A BIC's shape: bank, ISO country, location, optional branch (swift_mt.py reads it too).
BIC = r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?"
_BARE = "BIC (bare)"
#: Words of statements and records in capitals that have a BIC's shape and a country in it
#: (`BENEFICIARY`: `FI`), which a word such as `wire` nearby would otherwise make a BIC.
_WORDS_SHAPED_AS_BICS = frozenset("""
BENEFICIARY INTEREST HOSPITAL TRANSFER PURCHASE PAYMENTS DEPOSITS ACCOUNTS BUSINESS CUSTOMER
DOMESTIC EXTERNAL INTERNAL PERSONAL CHECKING ORIGINAL CURRENCY EXCHANGE RECEIVED RETURNED
REVERSED CANCELED OVERSEAS STANDING MERCHANT PHARMACY SERVICES CONTRACT MORTGAGE TRANSFERS
INTERNATIONAL CORRESPONDENT
""".split())


class SwiftCodeRecognizer(VeilPatternRecognizer):
    """`SWIFT: DEUTDEFF500`, `BIC BOFAUS3N`."""

    ENTITY = "SWIFT_CODE"
    PATTERNS = [
        Pattern("BIC (labelled)", rf"\b(?:SWIFT|BIC)(?:\s*(?:code|/BIC|number|no\.?|#))?\s*"
                rf"(?:is\s+|[:#=]\s*)?(?P<value>{BIC})\b", 0.95),
        Pattern(_BARE, rf"\b{BIC}\b", 0.1),
    ]
    CONTEXT = ["swift", "bic", "bank code", "wire", "correspondent"]
    GATES = {"BIC (labelled)": "swift|bic"}
    FLAGS = 0  # BICs are written in capitals; case-insensitive would match ordinary words

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return pattern_name != _BARE or text[start:end] not in _WORDS_SHAPED_AS_BICS

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text[4:6] not in ISO_COUNTRIES
