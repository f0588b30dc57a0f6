"""veil's recognizer catalogue: the entities veil knows and the recognizers that find them.

Presidio's own recognizers find IBANs, Bitcoin wallets and (with more context words) SSNs; veil
has its own, cheaper or stricter, for the other generic identifiers (email, phone, URL, IP,
dates, cards, UK NHS), adds the healthcare, finance, address and credential ones Presidio lacks
or does not register, and a name recognizer for what the small NER model misses.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import CryptoRecognizer, IbanRecognizer

from veil.nlp.recognizers import validators
from veil.nlp.recognizers.address import (
    AddressCityRecognizer,
    StreetAddressRecognizer,
    ZipCodeRecognizer,
)
from veil.nlp.recognizers.address_intl import (
    EuropeanStreetRecognizer,
    PostcodeCityRecognizer,
    PostcodeRecognizer,
)
from veil.nlp.recognizers.age import AgeOver89Recognizer
from veil.nlp.recognizers.bank_account import BankAccountRecognizer
from veil.nlp.recognizers.card import PaymentCardRecognizer
from veil.nlp.recognizers.coordinates import CoordinatesRecognizer
from veil.nlp.recognizers.credentials import CredentialRecognizer
from veil.nlp.recognizers.dates import CalendarDateRecognizer
from veil.nlp.recognizers.dea import UsDeaRecognizer
from veil.nlp.recognizers.fhir import FhirResourceRecognizer
from veil.nlp.recognizers.health_plan import HealthPlanMemberIdRecognizer
from veil.nlp.recognizers.hl7 import Hl7SegmentRecognizer
from veil.nlp.recognizers.labelled_ids import (
    CaseReferenceRecognizer,
    DeviceSerialRecognizer,
    DriverLicenseRecognizer,
    EmployeeIdRecognizer,
    LicenceNumberRecognizer,
    NationalIdRecognizer,
    PassportRecognizer,
    VehiclePlateRecognizer,
)
from veil.nlp.recognizers.medical_record import MedicalRecordNumberRecognizer
from veil.nlp.recognizers.medicare import MbiRecognizer
from veil.nlp.recognizers.mrz import MrzRecognizer
from veil.nlp.recognizers.national_ids import (
    DutchBsnRecognizer,
    FrenchNirRecognizer,
    ItalianFiscalCodeRecognizer,
    SingaporeNricRecognizer,
    SouthAfricanIdRecognizer,
    SpanishIdRecognizer,
    UkNinoRecognizer,
)
from veil.nlp.recognizers.nhs import UkNhsRecognizer
from veil.nlp.recognizers.npi import NpiRecognizer
from veil.nlp.recognizers.person import PersonNameRecognizer
from veil.nlp.recognizers.phone import PhoneNumberRecognizer
from veil.nlp.recognizers.routing import RoutingNumberRecognizer
from veil.nlp.recognizers.sort_code import UkSortCodeRecognizer
from veil.nlp.recognizers.spoken import SpokenNumberRecognizer
from veil.nlp.recognizers.ssn import SsnLastFourRecognizer, UsSsnRecognizer
from veil.nlp.recognizers.swift import SwiftCodeRecognizer
from veil.nlp.recognizers.swift_mt import SwiftMessageRecognizer
from veil.nlp.recognizers.username import UsernameRecognizer
from veil.nlp.recognizers.wallet import EthereumAddressRecognizer
from veil.nlp.recognizers.web import (
    EmailAddressRecognizer,
    IpAddressRecognizer,
    SpeltOutEmailRecognizer,
    WebUrlRecognizer,
)

__all__ = ["ENTITIES", "NAME_ENTITIES", "NER_ENTITIES", "PRESIDIO_GATES", "pattern_recognizers",
           "custom_recognizer", "deny_list_recognizer"]

#: Entities found by spaCy's NER (through Presidio's SpacyRecognizer); absent with `nlp: none`.
NER_ENTITIES = ("PERSON", "LOCATION", "NRP", "DATE_TIME")

#: Entities only NER (and the name lists that back it up) can find: not in scope with `nlp: none`.
NAME_ENTITIES = ("PERSON", "NRP")

#: Every entity veil knows, with what it is (for `--help`, errors and the README).
ENTITIES: dict[str, str] = {
    "PERSON": "names of people (NER, titles, name lists, the name fields of HL7 and FHIR "
              "records)",
    "LOCATION": "places: cities, countries, the town of an address line, GPS coordinates",
    "NRP": "nationality, religious or political group (NER)",
    "DATE_TIME": "dates and times",
    "AGE": "ages over 89 (HIPAA)",
    "EMAIL_ADDRESS": "email addresses, also spelt out (`jo.doe at example dot com`)",
    "PHONE_NUMBER": "phone and fax numbers (local and national forms after a word for a phone)",
    "URL": "web addresses",
    "IP_ADDRESS": "IPv4 and IPv6 addresses",
    "US_SSN": "US social security numbers, and their last four digits when said as such",
    "STREET_ADDRESS": "street addresses (US, UK, European) and PO boxes",
    "ZIP_CODE": "US ZIP codes, postal codes of address lines, UK postcodes, Irish Eircodes, "
                "Canadian postal codes and Australian postcodes after the state",
    "MEDICAL_RECORD_NUMBER": "medical record, encounter and hospital account numbers (by label: "
                             "`MRN`, `FIN`, `CSN`, `encounter #`, `accession no.`)",
    "US_NPI": "US National Provider Identifiers (checksum)",
    "US_DEA": "US DEA registration numbers (checksum)",
    "US_MBI": "Medicare Beneficiary Identifiers",
    "HEALTH_PLAN_ID": "health plan member, policy, claim and Medicaid IDs (by label); Australian "
                      "Medicare numbers (by label and check digit)",
    "UK_NHS": "UK NHS numbers (checksum)",
    "CREDIT_CARD": "payment card numbers (Luhn)",
    "IBAN_CODE": "IBANs (mod 97)",
    "CRYPTO": "Bitcoin wallet addresses (checksum) and Ethereum addresses (`0x` and 40 hex "
              "digits)",
    "ABA_ROUTING_NUMBER": "US bank routing numbers (checksum)",
    "SWIFT_CODE": "SWIFT/BIC codes (by context)",
    "US_BANK_NUMBER": "bank account and customer numbers (by label or context)",
    "UK_SORT_CODE": "UK sort codes (by label or context)",
    "US_DRIVER_LICENSE": "driver's licence numbers (by label)",
    "LICENSE_NUMBER": "professional licence and certificate numbers (by label: `medical license "
                      "# G12345`, `certificate no. C-12345`, `GMC 7012345`)",
    "VEHICLE_PLATE": "vehicle licence plates (by label) and identification numbers (VIN: by "
                     "label, or by check digit)",
    "DEVICE_SERIAL": "device serial numbers, IMEIs and IDs (by label), MAC addresses",
    "CREDENTIAL": "passwords, PINs, card security codes, one-time codes and security answers "
                  "(by label: `mother's maiden name is ...`, `the code you sent was 772 019`)",
    "USERNAME": "online account names (by label: `username: jdoe`, `login k.tanaka`, `my IG is "
                "...`, `PayPal acct ...`) and social media handles (`@jsmith_89`)",
    "PASSPORT": "passport numbers (by label)",
    "EMPLOYEE_ID": "employee, staff, badge and payroll numbers (by label: `Employee ID: 48213`, "
                   "`badge #A1182`)",
    "CASE_REFERENCE": "case, ticket, order, application, prescription and reference numbers "
                      "that key a person's record, and frequent flyer and loyalty numbers (by "
                      "label: `Case #04412873`, `ticket 55120984`, `Ref: REF-88213-A`, `Rx "
                      "#6650123`)",
    "NATIONAL_ID": "national identity, insurance and tax numbers (by label, Indian PAN in its "
                   "shape; Spanish DNI/NIE, Italian codice fiscale and Singapore NRIC/FIN by check "
                   "letter, French NIR by key, South African ID by date and Luhn, UK NI numbers "
                   "by format, Dutch BSN by checksum and context)",
}

_PATTERN_RECOGNIZERS: tuple[type[EntityRecognizer], ...] = (
    EmailAddressRecognizer, SpeltOutEmailRecognizer, PhoneNumberRecognizer, WebUrlRecognizer,
    IpAddressRecognizer, UsSsnRecognizer, SsnLastFourRecognizer, CalendarDateRecognizer,
    PaymentCardRecognizer, IbanRecognizer, UkNhsRecognizer, MedicalRecordNumberRecognizer,
    NpiRecognizer, UsDeaRecognizer, MbiRecognizer, HealthPlanMemberIdRecognizer,
    AgeOver89Recognizer, RoutingNumberRecognizer, SwiftCodeRecognizer, BankAccountRecognizer,
    UkSortCodeRecognizer, StreetAddressRecognizer, ZipCodeRecognizer, AddressCityRecognizer,
    EuropeanStreetRecognizer, PostcodeRecognizer, PostcodeCityRecognizer, DriverLicenseRecognizer,
    LicenceNumberRecognizer, VehiclePlateRecognizer, DeviceSerialRecognizer, PassportRecognizer,
    NationalIdRecognizer, SpanishIdRecognizer, UkNinoRecognizer, DutchBsnRecognizer,
    ItalianFiscalCodeRecognizer, FrenchNirRecognizer, SingaporeNricRecognizer,
    SouthAfricanIdRecognizer, CredentialRecognizer, UsernameRecognizer,
    CoordinatesRecognizer, CryptoRecognizer, EmployeeIdRecognizer, CaseReferenceRecognizer,
    Hl7SegmentRecognizer, FhirResourceRecognizer, SwiftMessageRecognizer, MrzRecognizer,
    SpokenNumberRecognizer, EthereumAddressRecognizer,
)


#: Gates of the Presidio recognizers veil uses as they are (veil's own declare `GATES` per
#: pattern): a regex found in every text the recognizer can find something in.
PRESIDIO_GATES: dict[type[EntityRecognizer], str] = {
    # country code, check digits and two groups of four, case-sensitive as the pattern is;
    # from one capital, which `re` finds at C speed (half the texts a bare country code and
    # check digits open: `DEA AB1234563`, member IDs)
    IbanRecognizer: r"[A-Z][A-Z][0-9]{2}[ -]?[A-Z0-9]{4}[ -]?[A-Z0-9]{4}",
    # its pattern's shortest match from the 1 or 3 where it starts or after `bc`
    CryptoRecognizer: r"[13][a-zA-HJ-NP-Z0-9]{25}",
}


def pattern_recognizers(language: str, *, with_names: bool = True) -> list[EntityRecognizer]:
    """A fresh instance of every built-in recognizer that does not need NER."""
    recognizers = [cls(supported_language=language) for cls in _PATTERN_RECOGNIZERS]
    if with_names:
        recognizers.append(PersonNameRecognizer(supported_language=language))
    for recognizer in recognizers:
        recognizer.load()
    return recognizers


class _ValidatedPatternRecognizer(PatternRecognizer):
    """A recipe recognizer: its regex, plus the checksum it names (if any)."""

    def __init__(self, *, validator: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._validator = validators.VALIDATORS[validator] if validator else None

    def validate_result(self, pattern_text: str) -> bool | None:
        return self._validator(pattern_text) if self._validator else None


def custom_recognizer(spec, language: str) -> PatternRecognizer:
    """A `CustomRecognizerSpec` from a recipe as a Presidio PatternRecognizer."""
    return _ValidatedPatternRecognizer(
        validator=spec.validator, supported_entity=spec.entity, name=spec.name,
        patterns=[Pattern(spec.name, spec.regex, spec.score)], context=list(spec.context),
        supported_language=language,
        # A recipe's regex means what it says: Presidio's default flags ignore case, which
        # silently turned `[A-Z]` into any letter. `(?i)` in the regex asks for that.
        global_regex_flags=re.MULTILINE | re.DOTALL)


def deny_list_recognizer(entity: str, words: tuple[str, ...], language: str) -> PatternRecognizer:
    """Words that are always findings of `entity` (score 1.0)."""
    return PatternRecognizer(supported_entity=entity, name=f"deny_list_{entity.lower()}",
                             deny_list=list(words), supported_language=language)
