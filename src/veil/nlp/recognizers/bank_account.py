"""Bank account numbers: a run of digits is anything, so only a label or context makes it one."""

from __future__ import annotations

from presidio_analyzer import Pattern

from veil.nlp.recognizers._base import DigitRunGate, KeywordGate, VeilPatternRecognizer


class BankAccountRecognizer(VeilPatternRecognizer):
    """`account no. 004829113307`, `acct ending 4821`, `checking #55102938`, `acc no 55779911`,
    `12-34-56 12345678` (sort code, account); and the number a bank knows its customer by,
    `customer ID 88231004` (an account number to HIPAA too), and a Canadian bank's `client
    card 4506 4451 0023 8812`."""

    ENTITY = "US_BANK_NUMBER"
    PATTERNS = [
        # `acc` only before a number's word (`ACC 2023` is a cardiology congress); a number
        # may be written in groups of three or four (`0044 1234 5678`, `123 456 789`), and
        # run to 30 digits (a Chinese account's 19, `ACCT 6222020200112233445`, was cut off
        # at 18 and missed)
        Pattern("account (labelled)",
                r"\b(?:account|acct|accnt|acnt|acount|acc(?=\.?\s*(?:number|no\b|num|#|is\b|\d{6}))"
                r"|a/c|checking|savings)"
                r"\.?\s*(?:number|no\.?|num|#)?\s*"
                r"(?:is\s+|(?:ending|ends)(?:\s+(?:in|with))?\s+|[:#=]\s*)?"
                r"(?P<value>(?:\d[\d-]{2,28}\d|\d{3}(?=\s\d{3}))(?:\s\d{3,4}(?!\d)){0,4})\b"
                r"(?![.,]\d)", 0.85),
        # masked but for its last digits, as a statement prints it (`acct ****8812`, `acct
        # x7731`)
        Pattern("account (masked)", r"\b(?:account|acct|a/c)\.?\s*(?:number|no\.?|#)?\s*[:#]?\s*"
                r"(?P<value>(?:\*{2,}|[xX]+)[ -]?\d{3,4})\b", 0.85),
        # the on-us field of a cheque's MICR line, after the routing number's transit symbols
        # (`⑆042000314⑆ 4471209931⑈1042`)
        Pattern("account in a MICR line",
                r"⑆\d{9}⑆\s?(?P<value>\d(?:[\d -]{2,18})\d)\s?⑈", 0.85),
        # a UK payment gives the sort code, then the account's eight digits
        Pattern("account (after a sort code)", r"\b\d{2}-\d{2}-\d{2}\s+(?P<value>\d{8})\b", 0.85),
        Pattern("customer number (labelled)",
                r"\b(?:(?:customer|client|cif)\s*(?:id|number|no\.?|num|#)|(?-i:CIF)\b)"
                r"\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d[\d-]{2,16}\d)\b", 0.85),
        # a loan's number after `loan` alone when hyphens group it (`loan 8812-330-91`) or a
        # lender's letters start it (`loan MTG-4471209`); an amount or a year has none or one
        # hyphen and no letters (`loan 250000`, `loan 2023-24`)
        Pattern("loan number", r"\bloan\s+(?:(?:account|acct|number|no\.?|#)\s*[:#]?\s*)?"
                r"(?P<value>\d{2,6}-\d{2,6}(?:-\d{1,6})+|[A-Z]{2,4}-\d{6,12})\b", 0.85),
        # a Canadian bank's card that opens its accounts, in groups as printed (`my client card
        # is 4506 4451 0023 8812`), Luhn or not
        Pattern("client card (labelled)",
                r"\bclient\s+card\s*(?:number|no\.?|#)?\s*(?:is\s+|[:#=]\s*)?"
                r"(?P<value>\d{4}(?:[ -]?\d{3,4}){2,4})\b", 0.85),
        Pattern("account (bare)", r"\b\d{8,17}\b", 0.1),
    ]
    CONTEXT = ["account", "acct", "checking", "savings", "deposit", "bank"]
    GATES = {"account (labelled)": "acc|a/c|checking|savings",
             "account (after a sort code)": r"-\d{2}-\d{2}\s",
             # `x` alone is in most notes: one x only right after the account's word
             "account (masked)": KeywordGate((("**", "xx", "acct x", "account x", "a/c x"),
                                              r"(?:{words})[ -]?\d{{3}}")),
             "account in a MICR line": "⑈",
             "customer number (labelled)": "customer|client|cif",
             "client card (labelled)": r"client\s+card",
             "loan number": r"loan\s",
             "account (bare)": DigitRunGate(8)}
