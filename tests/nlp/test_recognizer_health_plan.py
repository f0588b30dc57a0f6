from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.health_plan import HealthPlanMemberIdRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Member ID: XJH482913307", ["XJH482913307"]),
    ("policy # BCX-48291-77", ["BCX-48291-77"]),
    ("subscriber id W123456789", ["W123456789"]),
    ("Member ID: pending", []),                          # no digit: no ID
    ("group 4471", []),
    ("Claim number 4471-99821-03 submitted", ["4471-99821-03"]),
    ("claim # CLM20240183", ["CLM20240183"]),
    ("claim denied", []),
    ("Medicaid ID: 12345678A; medicaid # 99812345B", ["12345678A", "99812345B"]),
    ("Medicaid pending", []),
    ("Insurance: Aetna PPO, ID W123456789, group 0012345.", ["W123456789"]),
    ("Insurance: none. ID 4471-2290 checked", []),      # another sentence's ID
    # straight after the word, five digits in a row
    ("Member 88317720 (Kaiser) seen for annual", ["88317720"]),
    ("claimant Carter, policy PA-4471920-03, VIN", ["PA-4471920-03"]),
    ("member 2 of the team; policy 2024 renewal; policy A-1234", []),
    # an Australian Medicare card's number, by its check digit (the ninth)
    ("Medicare no. 2123 45670 1.", ["2123 45670 1"]),
    ("medicare card number: 2123456701/1", ["2123456701/1"]),
    ("Medicare no. 2123 45671 1; Medicare 1234567890; Medicare 2123 45670", []),
    ("employer Hartwell Logistics; claim ref WC-22-0917.", ["WC-22-0917"]),
    # a claim's number straight after the word; a policy's after the insurer's name
    ("Claim CLM-00918273: insured", ["CLM-00918273"]),
    ("claim 2 of 3; claim 12 days", []),
    ("other driver, policy GEICO 6120-44-718.", ["6120-44-718"]),
    ("policy Section 12; policy Aviva Plus 2024; the policy Review 2024-25", []),
    # Germany's health insurance number; Canada's provincial health cards
    ("04109 Leipzig, Versichertennr. A123456780.", ["A123456780"]),
    ("KVNR: B987654321; Versichertennr. 123456789", ["B987654321"]),   # a letter first
    ("RAMQ: Émilie Gagnon, carte GAGE 8551 0412, 455 boul.", ["GAGE 8551 0412"]),
    ("OHIP 1234-567-890-AB; health card 1234567890", ["1234-567-890-AB", "1234567890"]),
    ("carte 4111 1111 1111 1111; name ABCD 1234 5678", []),
])
# fmt: on
def test_health_plan_member_id_recognizer(text, expected):
    assert matched_texts(HealthPlanMemberIdRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Prior auth: member Denise Whitaker, ID W448120937, DOB 11/23/1958", ["W448120937"]),
    ("subscriber John Doe, member ID 88317720A", ["88317720A"]),
    ("member Services, ID badge checked; member Ann Lee, ID 12", []),
])
# fmt: on
def test_a_member_id_after_the_members_name(text, expected):
    assert matched_texts(HealthPlanMemberIdRecognizer(), text) == expected


def test_a_claim_number_in_hyphenated_groups():
    recognizer = HealthPlanMemberIdRecognizer()
    assert matched_texts(recognizer, "Subject: claim HC-2291-4471 enclosed") == ["HC-2291-4471"]
    assert matched_texts(recognizer, "claim 2023-24 season; claim AB-12") == []
