"""Gold labels of veil's labelled set, and the veil entity each one is scored as."""

from __future__ import annotations

__all__ = ["LABEL_MAP", "to_entity"]

#: Gold label -> veil entity. Labels already named as veil entities map to themselves.
LABEL_MAP: dict[str, str] = {
    "NAME": "PERSON", "DOCTOR": "PERSON", "PATIENT": "PERSON",
    "CITY": "LOCATION", "ADDRESS": "STREET_ADDRESS", "ZIP": "ZIP_CODE", "DATE": "DATE_TIME",
    "PHONE": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS", "SSN": "US_SSN", "IP": "IP_ADDRESS",
    "MRN": "MEDICAL_RECORD_NUMBER", "NPI": "US_NPI", "DEA": "US_DEA", "MBI": "US_MBI",
    "MEMBER_ID": "HEALTH_PLAN_ID", "AGE_90_PLUS": "AGE", "NHS": "UK_NHS",
    "CARD": "CREDIT_CARD", "CARD_LAST4": "CREDIT_CARD", "IBAN": "IBAN_CODE",
    "ROUTING": "ABA_ROUTING_NUMBER",
    "SWIFT": "SWIFT_CODE", "ACCOUNT": "US_BANK_NUMBER", "SORT_CODE": "UK_SORT_CODE",
}


def to_entity(label: str) -> str:
    """The veil entity a gold label stands for (unknown labels are kept as they are)."""
    return LABEL_MAP.get(label, label)
