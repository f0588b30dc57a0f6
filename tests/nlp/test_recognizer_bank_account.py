from __future__ import annotations

import pytest


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("account number 004829113307", [("US_BANK_NUMBER", "004829113307")]),
    ("autopay from checking 344947285761", [("US_BANK_NUMBER", "344947285761")]),
    ("acct# 55102938", [("US_BANK_NUMBER", "55102938")]),
    ("Shipment 48291133 left the depot", []),            # digits without account context
    ("Customer ID 88231004 asked for a statement", [("US_BANK_NUMBER", "88231004")]),
    ("client no. 4471-2290", [("US_BANK_NUMBER", "4471-2290")]),
    ("the customer called twice", []),
    ("acc no 55779911; ACC 2023 in Atlanta", [("US_BANK_NUMBER", "55779911")]),
    ("Transfer to Savings Account 4471.00", []),         # an amount
    ("account number ends 8841", [("US_BANK_NUMBER", "8841")]),
    ("my accnt no is 4478 2210 9931, pls", [("US_BANK_NUMBER", "4478 2210 9931")]),
    ("clearing 6789, acct 123 456 789, fraud", [("US_BANK_NUMBER", "123 456 789")]),
    ("acct 123 and 45 units", []),                       # three digits alone: no account
    ("to LI WEI, ACCT 6222020200112233445 (ICBC)",          # 19 digits, as in China
     [("US_BANK_NUMBER", "6222020200112233445")]),

    ("calling about my account 0044 1234 5678", [("US_BANK_NUMBER", "0044 1234 5678")]),
    ("TFR TO 12-34-56 12345678 REF RENT",
     [("UK_SORT_CODE", "12-34-56"), ("US_BANK_NUMBER", "12345678")]),
    # `acc` before the number itself, six digits at least
    ("sort code 20-32-06 acc 53117804 ref SCHOOL FEES",
     [("UK_SORT_CODE", "20-32-06"), ("US_BANK_NUMBER", "53117804")]),
    ("acc 2 of 3; acc 12345", []),
    ("my bsb is 062-000 and acc is 1234 5678",
     [("UK_SORT_CODE", "062-000"), ("US_BANK_NUMBER", "1234 5678")]),
    # a loan's number grouped by hyphens; not an amount or a year
    ("Mortgage: loan 8812-330-91, LVR 80%", [("US_BANK_NUMBER", "8812-330-91")]),
    ("loan 250000 approved; loan 2023-24 review", []),
    # masked but for the last digits, as a statement prints it
    ("to A. RAHMAN acct ****8812 2,450.00; a/c XX-4471", [("US_BANK_NUMBER", "****8812"),
                                                         ("US_BANK_NUMBER", "XX-4471")]),
    ("account **important**; acct xx", []),
    ("2 months stmts for acct x7731, VOE", [("US_BANK_NUMBER", "x7731")]),
    ("box 4x1234; the x-ray 1234; account x-ray", []),
    # the on-us field of a cheque's MICR line
    ("MICR ⑆042000314⑆ 4471209931⑈1042", [("ABA_ROUTING_NUMBER", "042000314"),
                                          ("US_BANK_NUMBER", "4471209931")]),
    # a Canadian bank's client card, in groups, Luhn or not
    ("my client card is 4506 4451 0023 8812", [("US_BANK_NUMBER", "4506 4451 0023 8812")]),
    ("client card number: 4506-4451-0023", [("US_BANK_NUMBER", "4506-4451-0023")]),
    ("client card lost in 2024; client card 12 34", []),
    # a core banking system's customer information file number, by its label in capitals
    ("AML alert: customer (CIF 00488213) received", [("US_BANK_NUMBER", "00488213")]),
    ("prices quoted CIF Rotterdam; cif 00488213", []),
])
# fmt: on
def test_bank_account_recognizer(pattern_detector, text, expected):
    findings = pattern_detector.detect([text]).findings[0]
    assert [(f.entity, text[f.start:f.end]) for f in findings] == expected


def test_a_loan_number_a_lenders_letters_start(pattern_detector):
    text = "property 19 Maple Grove, loan MTG-4471209; loan 2023-24"
    findings = pattern_detector.detect([text]).findings[0]
    assert [(f.entity, text[f.start:f.end]) for f in findings
            if f.entity == "US_BANK_NUMBER"] == [("US_BANK_NUMBER", "MTG-4471209")]
