"""Identifiers that have no format of their own and are known by their label (HIPAA 11-13):
driver's, professional and other licences and certificates, vehicle plates, device serial
numbers; and the identity documents KYC files and support chats quote: passports and national
identity numbers. A vehicle identification number (VIN) has a format: with its label, or
alone when its check digit holds.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers import validators
from veil.nlp.recognizers._base import AnyOf, DigitRunGate, KeywordGate, VeilPatternRecognizer

_ID_BODY = r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,17}[A-Z0-9]"
_ID = rf"(?P<value>{_ID_BODY})\b"
_SEP = r"\s*(?:(?:number|no\.?|#|is)\s*)?[:#=]?\s*"


def _between(words: str) -> str:
    """Between a label and its number: up to three of `words`, then `:`, `#` or `=`."""
    return rf"\s*(?:(?:{words})\s*){{0,3}}[:#=]?\s*"


#: What a number straight after its word must hold to be no count nor year (`case 55-90312`,
#: `claim HC-2291-4471`; not `case 2`, `order 2023-24`): five digits in a row, or a few
#: letters and seven digits in hyphenated groups. ...
NOT_A_COUNT = r"(?=[A-Z0-9-]*\d{5}|[A-Z]{1,4}-(?:[A-Z0-9-]*?\d){7})"
#: ... and its gate, in a `KeywordGate`'s template (lower case, braces doubled for `format`).
NOT_A_COUNT_GATE = r"(?:[a-z0-9-]*\d{{5}}|[a-z]{{1,4}}-[a-z0-9-]*\d)"
#: Between a document's name and its number: `number is`, `no.:`, `card number #`.
_DOCUMENT_SEP = _between(r"number|no\.?|num|#|is|was|card")
_NUMBER_WORD = r"\s*(?:number|no\.?|num|#)"
#: Who holds a licence, when it is not a driver: `medical license`, `RN license`.
_LICENCE_HOLDER = (r"(?:medical|nursing|professional|state|pharmacy|pharmacist|physician"
                   r"|practitioner|(?-i:RN|LPN|APRN|NP|PA|MD|DO))")
#: 17 characters, never I, O or Q; a digit among them, and a capital (VINs are printed so).
_VIN = r"(?=[A-Z]*\d)(?=\d*[A-Z])[A-HJ-NPR-Z0-9]{17}"
_VIN_CHECKED = "VIN (check digit)"
#: A UK National Insurance number, often written in pairs: `QQ 12 34 56 C`.
_NINO = r"[A-Z]{2}(?: ?\d{2}){3} ?[A-D]"
#: Digits in groups: a Canadian SIN `046 454 286`, a BSN `1234.56.782`, a Brazilian CPF
#: `123.456.789-09`, an Aadhaar `2345 6789 0123`.
_DIGIT_GROUPS = r"\d{2,5}(?:[ .]\d{2,5}){1,4}(?:-\d{2})?"  # `UTR 12345 67890`: fives too
#: National identity numbers known by an acronym (in capitals only: `sin` is a word).
_NATIONAL_ID_ACRONYMS = ("DNI", "NIE", "NIF", "BSN", "NINO", "SIN", "TIN", "ITIN", "EIN", "CPR",
                         "PESEL", "NIR", "INSEE", "BVN", "NIN", "CPF", "CURP", "RFC",
                         # Australia's Individual Healthcare Identifier, on every health record
                         "IHI",
                         # tax and immigration files: the UK's Unique Taxpayer Reference,
                         # Australia's Tax File Number, Canada's Unique Client Identifier, a
                         # UK Biometric Residence Permit
                         "UTR", "TFN", "UCI", "BRP",
                         # Scotland's Community Health Index number, its NHS number
                         "CHI",
                         # Singapore's identity card number (any shape: the check letter may be
                         # mistyped), South Korea's resident registration number
                         "NRIC", "RRN")
#: What national identity numbers are called.
_NATIONAL_ID_LABELS = (
    r"national\s+(?:id(?:entity|entification)?|insurance)"
    r"|(?:personal|citizen|resident|tax)\s+id(?:entity|entification)?"
    r"|id(?:entity)?\s+(?:card|number|no\b\.?|document)|identity\s+(?:card|number|document)"
    r"|codice\s+fiscale|personnummer|personalausweis(?:nummer)?|carte\s+d'identit[eé]"
    r"|steuer-?id(?:entifikationsnummer)?|steuernummer|idnr"
    r"|(?-i:VA|DoD)\s+id|va\s+claim\s+(?:number|no\b)|edipi|military\s+id"
    r"|aadh?aar(?:\s+(?:card|number|no\b))?|ghana\s+card"
    # the Nordic countries' personal numbers, Turkey's, the UAE's, China's
    r"|personnr\.?|cpr-nr\.?|henkilötunnus|hetu|fødselsnummer|(?:t\.?\s?c\.?\s+)?kimlik(?:\s+no\b\.?)?"
    r"|emirates\s+id|resident\s+id(?:entity)?(?:\s+card)?"
    r"|(?-i:NI)(?=\s*(?:no\b|num|#))"  # `NI no. QQ 12 34 56 C`: UK National Insurance
    # a word of its own, as the gate looks it up (`BVNMRN3rd` is none)
    rf"|(?-i:{'|'.join(_NATIONAL_ID_ACRONYMS)})\b"
)


class DriverLicenseRecognizer(VeilPatternRecognizer):
    """`driver's license S92026988`, `DL# D1234567`, `driving licence MORGA753116SM9IJ`; the
    issuing state's code may come first (`DL GA 058123456`, `driver's license (TX) 12345678`)."""

    ENTITY = "US_DRIVER_LICENSE"
    PATTERNS = [Pattern("licence (labelled)",
                        rf"\b(?:(?:driver'?s?|driving)\s+licen[cs]e{_SEP}|DL\s*#?\s*:?\s*)"
                        rf"(?:(?-i:\([A-Z]{{2}}\)|[A-Z]{{2}}(?=\s))\s*[:#]?\s*)?{_ID}", 0.85)]
    CONTEXT = ["license", "licence", "driver", "dl"]
    GATES = {"licence (labelled)": "licen|dl"}


class LicenceNumberRecognizer(VeilPatternRecognizer):
    """`medical license # G12345`, `RN licence 0987654`, `license no. A-889123`, `certificate
    number C-12345`; a driver's licence is `DriverLicenseRecognizer`'s."""

    ENTITY = "LICENSE_NUMBER"
    PATTERNS = [
        Pattern(
            "licence or certificate (labelled)",
            r"\b(?:(?<!driver's\s)(?<!drivers\s)(?<!driver\s)(?<!driving\s)"
            rf"licen[cs]e{_NUMBER_WORD}|{_LICENCE_HOLDER}\s+licen[cs]e(?:{_NUMBER_WORD})?"
            rf"|certificat(?:e|ion){_NUMBER_WORD})"
            rf"\s*(?:is\s+)?[:#=]?\s*{_ID}", 0.85),
        # a UK regulator's register, in the shape of its numbers: the GMC's and the GPhC's
        # seven digits, the NMC's PIN (`12A3456E`), the HCPC's two letters (`PH12345`), the
        # GDC's digits (so `GMC 3500HD`, a truck, is none)
        Pattern(
            "UK professional register (labelled)",
            r"\b(?-i:GMC|GPhC|NMC|HCPC|GDC)(?:\s*(?:no\b\.?|number|#|pin|reg(?:istration)?\b\.?))"
            r"{0,2}\s*[:#]?\s*"
            r"(?P<value>(?-i:\d{7}|\d{2}[A-Z]\d{4}[A-Z]|[A-Z]{2}\d{5,6}|\d{5,6}))\b", 0.85),
    ]
    CONTEXT = ["license", "licence", "certificate", "board"]
    GATES = {"licence or certificate (labelled)": AnyOf("licen", "certific"),
             "UK professional register (labelled)": AnyOf("gmc", "gphc", "nmc", "hcpc", "gdc")}


class VehiclePlateRecognizer(VeilPatternRecognizer):
    """`plate 6SRY284`, `license plate: ABC-1234`, `reg. AB12 CDE`; and a vehicle identification
    number, `VIN 1HGCM82633A004352`, or alone when its check digit holds."""

    ENTITY = "VEHICLE_PLATE"
    PATTERNS = [
        # the label a whole word (`registered to` is none), a digit in the value itself
        Pattern("plate (labelled)", r"(?<!company\s)(?<!company\s\s)"
                r"\b(?:(?:license|licence|number|registration)\s+)?"
                r"(?:plates?\b|reg\b\.?|registration\b)\s*(?:number|no\.?|#)?\s*[:#]?\s*"
                # Ireland's year, county and number (`191-D-12345`), or up to nine letters
                # and digits in one or two groups
                r"(?P<value>\d{2,3}[ -][A-Z]{1,2}[ -]\d{1,6}"
                r"|(?=[A-Z0-9]{0,4}[ -]?[A-Z0-9]{0,4}\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})\b", 0.85),
        # outside North America a VIN has no check digit: the label must say what it is
        Pattern("VIN (labelled)", r"\b(?:(?-i:VIN)|vehicle\s+identification|chassis)"
                rf"{_NUMBER_WORD}?\s*(?:is\s+)?[:#=]?\s*(?P<value>{_VIN})\b", 0.85),
        Pattern(_VIN_CHECKED, rf"(?-i:\b{_VIN}\b)", 0.6),
    ]
    CONTEXT = ["plate", "vehicle", "car", "registration", "vin"]
    GATES = {"plate (labelled)": AnyOf("plate", "reg"),
             "VIN (labelled)": AnyOf("vin", "vehicle", "chassis"),
             _VIN_CHECKED: r"[a-z0-9]{17}"}

    def accept(self, text: str, start: int, end: int, pattern_name: str) -> bool:
        return pattern_name != _VIN_CHECKED or validators.vin(text[start:end])


class DeviceSerialRecognizer(VeilPatternRecognizer):
    """`serial number MJ6841929`, `device ID: PX-44-2918`, `S/N 00A3F9`, `serial SN: C02XL0`,
    `asset tag CT-LT-04471` (an organisation's label on a laptop or a pump, in its register
    beside the person it is issued to); and a network card's MAC address, which needs no
    label (`00:1B:44:11:3A:B7`)."""

    ENTITY = "DEVICE_SERIAL"
    PATTERNS = [
        # a pet's microchip too, which its owner's registration is found by, and an electricity
        # or a gas supply's number (`MPAN`, `MPRN`), which the address is
        Pattern("serial (labelled)", r"\b(?:serial(?:\s+(?-i:SN))?|device\s+id|s/n|imei|udi"
                # a SIM card's (`ICCID 8944...`) and its subscriber's (`IMSI`) numbers
                r"|microchip|(?-i:MPAN|MPRN|ICCID|IMSI)\b"
                rf"|asset\s+(?:tag|id|number|no\b\.?)|(?-i:SN)){_SEP}{_ID}", 0.85),
        # the second of two devices' serials (`hearing aids serial HA20931877 and HA20931878`)
        Pattern("second serial (labelled)", r"\b(?:serial|s/n)s?(?:\s+numbers?)?\s*[:#]?\s*"
                rf"{_ID_BODY}\s*(?:,|and|&)\s*{_ID}", 0.85),
        # a phone's identifiers for apps and ad networks: hex, often a UUID (36 characters)
        Pattern("device or advertising ID (labelled)",
                r"\b(?:udid|idfa|idfv|gaid|aaid|advertising\s+id|android\s+id|device\s+id)"
                r"\s*[:#=]?\s*(?P<value>(?=[0-9a-f-]*\d)[0-9a-f]{8}(?:-?[0-9a-f]{4,16}){1,4})\b",
                0.85),
        # six pairs of hex digits, one separator throughout; with dashes, a letter among them
        # (`12-34-56-78-90-12` may be a reference)
        Pattern("MAC address", r"(?<![\w:.-])(?:[0-9a-f]{2}:){5}[0-9a-f]{2}(?![\w:.-])"
                r"|(?<![\w:.-])(?=[0-9-]*[a-f])(?:[0-9a-f]{2}-){5}[0-9a-f]{2}(?![\w:.-])", 0.85),
    ]
    CONTEXT = ["serial", "device", "implant", "pump", "monitor", "pacemaker"]
    GATES = {"serial (labelled)": "serial|device|s/n|imei|udi|sn|asset|microchip|mpan|mprn|iccid"
                                  "|imsi",
             "second serial (labelled)": AnyOf("serial", "s/n"),
             "device or advertising ID (labelled)": AnyOf("udid", "idf", "aid", "advertising",
                                                          "android", "device"),
             # four separators alike: an ISO date's two open no gate; from the first one,
             # which `re` finds at C speed
             "MAC address": r"([:-])(?<=[0-9a-f]{2}[:-])[0-9a-f]{2}\1[0-9a-f]{2}\1[0-9a-f]{2}\1"}


class PassportRecognizer(VeilPatternRecognizer):
    """`passport no. X12345678`, `Passport #: 533380006`, `travel document C01X00T47`."""

    ENTITY = "PASSPORT"
    PATTERNS = [Pattern("passport (labelled)",
                        rf"\b(?:passport|travel\s+document){_DOCUMENT_SEP}{_ID}", 0.85)]
    CONTEXT = ["passport", "travel document"]
    GATES = {"passport (labelled)": "passport|travel"}


class NationalIdRecognizer(VeilPatternRecognizer):
    """`national ID 07898318A`, `DNI: 07898318A`, `BSN 123456782`, `ID card number
    AB1234567`, `national insurance number AB 12 34 56 C`, `SIN 046 454 286`; the numbers KYC
    files hold for customers from further away: `BVN 22156789012`, `Aadhaar 2345 6789 0123`,
    `CPF 123.456.789-09`."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = [
        Pattern("national id (labelled)",
                rf"\b(?:{_NATIONAL_ID_LABELS}){_DOCUMENT_SEP}"
                rf"(?P<value>(?-i:{_NINO})|{_DIGIT_GROUPS}|{_ID_BODY})\b", 0.85),
        # a Hong Kong identity card's number, its check digit in brackets (`HKID A123456(3)`)
        Pattern("Hong Kong identity card (labelled)",
                rf"\b(?-i:HKID)(?:\s*card)?{_DOCUMENT_SEP}"
                r"(?P<value>(?-i:[A-Z]{1,2})\d{6}\s?\(?[0-9A]\)?)(?![\w(])", 0.85),
        # an Indian PAN in its own shape (the fourth letter the holder's kind: P a person, C a
        # company): `PAN` is a card's number in a bank's words
        Pattern("Indian PAN (labelled)",
                rf"\b(?-i:PAN)(?:\s*card)?{_DOCUMENT_SEP}"
                r"(?P<value>(?-i:[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]))\b", 0.85),
    ]
    CONTEXT = ["national", "identity", "id"]
    GATES = {"national id (labelled)": KeywordGate(
        (("national", "identi", "fiscale", "personnummer", "personalausweis", "carte", "aadh",
          "steuer", "idnr", "edipi", "claim", "ghana", "personnr", "cpr-nr", "henkilötunnus",
          "hetu", "fødselsnummer", "kimlik", "emirates", "resident id"), "{words}"),
        (("id", *(acronym.lower() for acronym in _NATIONAL_ID_ACRONYMS)), r"\b(?:{words})\b"),
        (("ni",), r"\bni\s*(?:no\b|num|#)")),
             "Indian PAN (labelled)": AnyOf("pan"),
             "Hong Kong identity card (labelled)": AnyOf("hkid")}


#: Between a word for a staff member's or a case's number and the number: `ID:`, `no.`,
#: `number is`, `#`.
_REFERENCE_SEP = _between(r"id|number|no\.?|num|#|ref|code|is|was")


class EmployeeIdRecognizer(VeilPatternRecognizer):
    """`Employee ID: 48213`, `staff no. 4471-22`, `badge #A1182`, `payroll number PR883412`,
    `Personalnummer 00412873`, `(emp 004417)`: the number an employer files a person under. A
    KYC file or an occupational-health note names the customer's or the patient's; an incident
    log, a staff member's (and so the person at a door at 02:13)."""

    ENTITY = "EMPLOYEE_ID"
    PATTERNS = [Pattern(
        "employee or staff number (labelled)",
        r"\b(?:(?:employee|emp\.?|staff|personnel|payroll|worker|works?)\s*"
        r"(?:id\b|number|no\b\.?|num\b|#)"
        rf"|badge|personalnummer|matricule){_REFERENCE_SEP}{_ID}", 0.85),
        # a badge's short number (`badge 4471`, `badge #0093`), four digits at least
        Pattern("badge number (short)", r"\bbadge\s*(?:#|no\b\.?|number)?\s*[:#]?\s*"
                r"(?P<value>\d{4,5})\b", 0.85),
        # `(emp 004417)`, `(staff SL-20931)`: no number's word, so five digits in a row at least
        # (`emp 2`, `staff 2024-25` are none)
        Pattern("employee number (bare)", r"\b(?:employee|emp\.?|staff)\s+"
                r"(?P<value>(?=[A-Z0-9-]*\d{5})[A-Z0-9][A-Z0-9-]{4,15})\b", 0.85)]
    CONTEXT = ["employee", "staff", "badge", "payroll", "personnel"]
    GATES = {"employee or staff number (labelled)": KeywordGate(
        (("employee", "staff", "personnel", "payroll", "worker", "works", "badge",
          "personalnummer", "matricule"), "{words}"),
        # `emp` alone is in `temperature` and `attempt`: the number's word after it too
        (("emp",), r"\bemp\.?\s*(?:id|number|no|num|#)")),
             "employee number (bare)": KeywordGate(
                 (("employee", "emp", "staff"), r"\b(?:{words})\.?\s+[a-z0-9-]*\d{{5}}")),
             "badge number (short)": KeywordGate(
                 (("badge",), r"badge\s*(?:#|no|number)?\s*[:#]?\s*\d{{4}}"))}


class CaseReferenceRecognizer(VeilPatternRecognizer):
    """`Case #04412873`, `ticket 55120984`, `your case number is 0412-88731`, `Reference
    number: REF-88213-A`, `incident report IR-2024-00871`, `order no. 112-4471123-8812`, `Loan
    app #LN-2024-0093321`, `Rx #6650123`, `EMS run 24-118823`, `student no. S2231098`: the
    key to the customer's, the patient's or the student's record in the system that holds the
    whole file."""

    ENTITY = "CASE_REFERENCE"
    PATTERNS = [Pattern(
        "case, ticket or reference number (labelled)",
        r"\b(?:(?:case|complaint|order|confirmation|booking|incident(?:\s+report)?"
        r"|(?:loan\s+)?app(?:lication)?|prescription|rx|run|txn|transaction|cheque|check"
        r"|chargeback|dispute|frequent\s+fl[iy]er|loyalty(?:\s+card)?|rewards?(?:\s+card)?"
        r"|escrow|(?:rental|lease|tenancy|loan|hire)\s+agreement"
        r"|student|pupil|matriculation)\s*"
        r"(?:#|id\b|number|no\b\.?|ref\b\.?|reference)|ticket|incident\s+report"
        # a money transfer's control number, the key to the sender and the receiver
        r"|(?-i:MTCN)\b"
        # an airline's booking reference (`PNR X7K9QL`)
        r"|(?-i:PNR)\b|booking\s+ref(?:erence)?"
        r"|ref(?:erence)?\s*(?:#|number|no\b\.?|:)|r[ée]f(?:[ée]rence)?\s*[.:#])"
        rf"{_REFERENCE_SEP}{_ID}", 0.85),
        # a case's, an order's or a payment's number straight after the word (`escalated (case
        # 55-90312)`, `order 112-4456781-3320971`, `HMRC ref 123LA4567890123`, `refund for txn
        # 88412093`) when five digits in a row say it is no quantity
        # a prescription's number straight after `Rx` (`Rx 884120`): six digits at least, as
        # `Rx 50000 IU` is a dose
        Pattern("prescription number (bare)", r"\b(?-i:Rx|RX)\s+(?P<value>(?-i:RX)?\d{6,10})\b",
                0.85),
        # a US federal court's docket number: office, year, case type, number, the judges'
        # initials (`2:23-cv-01184`, `1:19-cr-00542-JMF`)
        # a UK police force's crime reference (`crime ref 42/98765/24`) and a pupil's Unique
        # Pupil Number (`UPN A123456789012`)
        Pattern("crime reference (labelled)",
                r"\bcrime\s+(?:ref(?:erence)?|number|no\b\.?)(?:\s+(?:number|no\b\.?))?\s*[:#]?\s*"
                r"(?P<value>\d{1,4}/\d{3,8}/\d{2,4})\b", 0.85),
        # a blood unit's donation identification number (ISBT 128: the collecting centre's
        # letter and four digits, the year, six digits), which traces the unit to its donor
        Pattern("blood unit number (ISBT 128)",
                r"\b(?:unit|(?-i:DIN)|donation)(?:\s+(?:number|no\b\.?|id|#))?\s*[:#]?\s*"
                r"(?P<value>(?-i:[A-Z])\d{4}\s?\d{2}\s?\d{6})(?!\w)", 0.85),
        Pattern("unique pupil number (labelled)",
                r"\b(?-i:UPN)\s*[:#]?\s*(?P<value>(?-i:[A-Z])\d{11}[0-9A-Z])\b", 0.85),
        Pattern("US court case number",
                r"(?<![\w:-])[1-9]:\d{2}-(?:cv|cr|mj|mc|md|bk|ap|po)-\d{3,6}"
                r"(?:-(?-i:[A-Z]{2,4}))*(?![\w:])", 0.85),
        Pattern("case, order or reference number (bare)",
                r"\b(?:case|order|ref\.?|reference|txn|transaction|application|frequent\s+fl[iy]er"
                r"|loyalty|rewards?|oyster|(?:EMS|ambulance)\s+run"
                r"|(?:rental|lease|tenancy|hire)\s+agreement)(?:\s+card)?\s+"
                # a card's number in groups of four (`Oyster card 0412 4471 2093`)
                rf"(?P<value>\d{{4}}(?: \d{{4}}){{2,3}}(?![\d-])"
                rf"|{NOT_A_COUNT}{_ID_BODY})\b",
                0.85)]
    CONTEXT = ["case", "ticket", "reference", "order", "incident"]
    # The words are in many others (`disorder`, `refill`, `happy`, `running`): the gate wants
    # a number's word after them, as the pattern does, so that its long alternation is scanned
    # only in the texts that can hold a match.
    GATES = {"case, ticket or reference number (labelled)": KeywordGate(
        (("ticket", "incident report", "mtcn", "pnr"), "{words}"),
        (("case", "complaint", "order", "confirmation", "booking", "incident", "txn",
          "transaction", "chargeback", "dispute", "app", "prescription", "rx", "run", "cheque",
          "check"), r"\b(?:{words})[a-z]*(?:\s+report)?\s*(?:#|id|number|no|ref)"),
        (("ref",), r"\bref(?:erence)?\s*(?:#|number|no|:)"),
        (("réf",), "{words}"),  # French: `réf. VIR-4471209`
        # a frequent flyer's or a loyalty card's number follows a customer from shop to shop
        (("frequent fl", "loyalty", "reward", "student", "pupil", "matriculation"),
         r"(?:{words})[a-z]*(?:\s+card)?\s*(?:#|id|number|no)"),
        (("escrow", "agreement"), r"(?:{words})\s*(?:#|id|number|no|ref)")),
        "prescription number (bare)": r"rx\s+(?:rx)?\d{6}",
        "US court case number": r":\d\d-[a-z]{2}-\d(?<=\d:\d\d-[a-z]{2}-\d)",
        "crime reference (labelled)": r"crime\s+(?:ref|number|no)",
        "unique pupil number (labelled)": r"upn\b",
        "blood unit number (ISBT 128)": DigitRunGate(6),
        "case, order or reference number (bare)": KeywordGate(
            (("case", "order", "ref", "txn", "transaction", "application", "flyer", "flier",
              "loyalty", "reward", "oyster", "ems run", "ambulance run", "agreement"),
             r"\b(?:{words})[a-z.]*(?:\s+card)?\s+"
             rf"(?:{NOT_A_COUNT_GATE}|\d{{{{4}}}} \d{{{{4}}}} \d{{{{4}}}})"))}
