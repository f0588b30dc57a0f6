"""A seeded generator of labelled texts: clinical notes and bank support chats with gold spans.

Values come from Faker (seeded) or from small generators that make checksum-valid identifiers
(NPI, DEA, routing numbers, IBANs, cards), so a recognizer that checks checksums is tested on
real-looking values. One name in five comes from a Faker locale none of veil's name lists is
drawn from (`HELD_OUT_NAME_LOCALES`), so the lists veil ships are not simply the generator's
own. Each line: `{"text", "spans": [{start, end, label}], "domain"}`; labels are mapped to
veil entities by `veil.evaluation.labels.LABEL_MAP`.
"""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path

from faker import Faker

from veil.evaluation import templates
from veil.nlp.recognizers import validators
from veil.nlp.recognizers.national_ids import NINO_NEVER_ISSUED
from veil.nlp.recognizers.person import HELD_OUT_NAME_LOCALES

__all__ = ["generate", "write_jsonl", "DEFAULT_SEED", "DEFAULT_SIZE"]

DEFAULT_SEED = 20240611
DEFAULT_SIZE = 3000
_SLOT = re.compile(r"\{([A-Za-z_0-9]+)\}")
#: Names veil's lists do not hold: the locales none of them is drawn from.
_OTHER_NAME_LOCALES = HELD_OUT_NAME_LOCALES


class _Values:
    """Slot name -> (gold label or None, value)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.gb = Faker("en_GB")
        self.gb.seed_instance(seed + 1)
        self.others = [Faker(loc) for loc in _OTHER_NAME_LOCALES]
        for i, other in enumerate(self.others):
            other.seed_instance(seed + 2 + i)

    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def _faker_for_names(self) -> Faker:
        return self.rng.choice(self.others) if self.rng.random() < 0.2 else self.fake

    def value(self, slot: str) -> tuple[str | None, str]:
        maker: Callable[[], tuple[str | None, str]] = getattr(self, f"_{slot}")
        return maker()

    # people and places
    def _name(self):
        f = self._faker_for_names()
        return "NAME", f"{f.first_name()} {f.last_name()}"

    def _first(self):
        return "NAME", self._faker_for_names().first_name()

    def _last(self):
        return "NAME", self._faker_for_names().last_name()

    def _doctor(self):
        return "DOCTOR", self._faker_for_names().last_name()

    def _address(self):
        return "ADDRESS", self.fake.street_address()

    def _city(self):
        return "CITY", self.fake.city()

    def _state(self):
        return None, self.fake.state_abbr(include_territories=False)

    def _zip(self):
        return "ZIP", self.fake.zipcode()

    def _date(self):
        d = self.fake.date_between("-5y", "today")
        style = self.rng.choice(["%m/%d/%Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y"])
        return "DATE", d.strftime(style)

    def _age90(self):
        return "AGE_90_PLUS", str(self.rng.randint(90, 104))

    def _age(self):
        return None, str(self.rng.randint(18, 88))

    # contact
    def _phone(self):
        a, b, c = (f"{self.rng.randint(2, 9)}{self._digits(2)}", f"{self.rng.randint(2, 9)}"
                   f"{self._digits(2)}", self._digits(4))
        style = self.rng.choice(["({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "+1 {a} {b} {c}",
                                 "1-{a}-{b}-{c}"])
        return "PHONE", style.format(a=a, b=b, c=c)

    def _local_phone(self):
        """Seven digits, dialled without the area code, always after a word that says so."""
        return "PHONE", f"{self.rng.randint(2, 9)}{self._digits(2)}-{self._digits(4)}"

    def _lot(self):
        """A lot or reference number of a local phone's shape, with no word that makes it one."""
        return None, f"{self.rng.randint(2, 9)}{self._digits(2)}-{self._digits(4)}"

    def _email(self):
        return "EMAIL", self.fake.email()

    def _email_spelt(self):
        """An address spelt out to keep it from robots: `jo.doe at example dot com`."""
        local, domain = self.fake.email().split("@")
        at, dot = self.rng.choice([(" at ", " dot "), (" (at) ", " (dot) "), ("[at]", "[dot]"),
                                   (" at ", ".")])
        return "EMAIL", local + at + domain.replace(".", dot)

    def _ip(self):
        return "IP", self.fake.ipv4_public()

    # identifiers
    def _ssn(self):
        return "SSN", self.fake.ssn()

    def _mrn(self):
        return "MRN", self.rng.choice(["", "", "MR", "H"]) + self._digits(self.rng.randint(6, 9))

    def _npi(self):
        while True:
            value = self.rng.choice("12") + self._digits(9)
            if validators.npi(value):
                return "NPI", value

    def _dea(self):
        while True:
            value = self.rng.choice("ABFM") + self.rng.choice("ABCDEFGHKLMPRSTW") + self._digits(7)
            if validators.dea(value):
                return "DEA", value

    def _mbi(self):
        letters = "ACDEFGHJKMNPQRTUVWXY"
        r = self.rng
        parts = [str(r.randint(1, 9)), r.choice(letters), r.choice(letters + "0123456789"),
                 self._digits(1), r.choice(letters), r.choice(letters + "0123456789"),
                 self._digits(1), r.choice(letters), r.choice(letters), self._digits(2)]
        value = "".join(parts)
        return "MBI", value if r.random() < 0.5 else f"{value[:4]}-{value[4:7]}-{value[7:]}"

    def _member(self):
        prefix = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTWXYZ") for _ in range(3))
        return "MEMBER_ID", prefix + self._digits(self.rng.randint(8, 10))

    def _card(self):
        value = self.fake.credit_card_number(card_type=self.rng.choice(["visa16", "mastercard",
                                                                          "amex", "discover"]))
        if self.rng.random() < 0.4 and len(value) == 16:
            value = " ".join(value[i:i + 4] for i in range(0, 16, 4))
        return "CARD", value

    def _iban(self):
        value = self.rng.choice([self.fake, self.gb]).iban()
        if self.rng.random() < 0.4:
            value = " ".join(value[i:i + 4] for i in range(0, len(value), 4))
        return "IBAN", value

    def _routing(self):
        return "ROUTING", self.fake.aba()

    def _swift(self):
        return "SWIFT", self.rng.choice([self.fake, self.gb]).swift(
            length=self.rng.choice([8, 11]))

    def _account(self):
        return "ACCOUNT", self._digits(self.rng.randint(8, 14))

    def _sort_code(self):
        return "SORT_CODE", f"{self._digits(2)}-{self._digits(2)}-{self._digits(2)}"

    def _passport(self):
        letter = self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        return "PASSPORT", self.rng.choice([letter + self._digits(8), self._digits(9)])

    def _national_id(self):
        """A Spanish DNI (check letter), a Dutch BSN (11-proof), a UK NI number, an Italian
        codice fiscale (check letter) or a French NIR (key mod 97)."""
        form = self.rng.choice(["dni", "bsn", "nino", "codice fiscale", "nir"])
        if form == "codice fiscale":
            letters = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(6))
            body = (f"{letters}{self._digits(2)}{self.rng.choice('ABCDEHLMPRST')}"
                    f"{self.rng.randint(1, 71):02d}{self.rng.choice(string.ascii_uppercase)}"
                    f"{self._digits(3)}")
            return "NATIONAL_ID", body + validators.italian_check_letter(body)
        if form == "nir":
            body = (f"{self.rng.choice('12')}{self._digits(2)}{self.rng.randint(1, 12):02d}"
                    f"{self.rng.randint(1, 95):02d}{self._digits(3)}{self._digits(3)}")
            key = f"{validators.french_nir_key(body):02d}"
            parts = [body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13], key]
            return "NATIONAL_ID", (" " if self.rng.random() < 0.5 else "").join(parts)
        if form == "dni":
            digits = self._digits(8)
            return "NATIONAL_ID", digits + validators.spanish_check_letter(int(digits))
        if form == "bsn":
            while True:
                digits = self._digits(9)
                if digits[0] != "0" and validators.dutch_bsn(digits):
                    return "NATIONAL_ID", digits
        prefix = NINO_NEVER_ISSUED[0]
        while prefix in NINO_NEVER_ISSUED:
            prefix = "".join(self.rng.choice("ABCEGHJKLMNPRSTWXYZ") for _ in range(2))
        pairs = [self._digits(2) for _ in range(3)]
        suffix = self.rng.choice("ABCD")
        spaced = self.rng.random() < 0.5
        return "NATIONAL_ID", (" " if spaced else "").join([prefix, *pairs, suffix])

    def _amount(self):
        return None, f"${self.rng.randint(5, 9000):,}.{self._digits(2)}"

    def _dose(self):
        return None, str(self.rng.choice([5, 10, 20, 25, 40, 50, 100, 250, 500, 1000]))


def _fill(template: str, values: _Values) -> tuple[str, list[dict]]:
    parts: list[str] = []
    spans: list[dict] = []
    position = 0
    length = 0
    for match in _SLOT.finditer(template):
        literal = template[position:match.start()]
        parts.append(literal)
        length += len(literal)
        label, value = values.value(match.group(1))
        if label is not None:
            spans.append({"start": length, "end": length + len(value), "label": label})
        parts.append(value)
        length += len(value)
        position = match.end()
    parts.append(template[position:])
    return "".join(parts), spans


def generate(n: int = DEFAULT_SIZE, *, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """`n` labelled texts, half clinical notes and half finance chats, from `seed`."""
    values = _Values(seed)
    rng = random.Random(seed ^ 0x5EED)
    for i in range(n):
        domain = "healthcare" if i % 2 == 0 else "finance"
        pool = templates.HEALTHCARE if domain == "healthcare" else templates.FINANCE
        chosen = rng.sample(pool, rng.randint(2, 4))
        text_parts: list[str] = []
        spans: list[dict] = []
        offset = 0
        for template in chosen:
            text, found = _fill(template, values)
            spans += [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in found]
            text_parts.append(text)
            offset += len(text) + 1
        yield {"text": " ".join(text_parts), "spans": spans, "domain": domain}


def write_jsonl(path: str | Path, records: Iterator[dict]) -> int:
    """Write records as JSON lines; returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    """`python -m veil.evaluation.generate OUT [--size N] [--seed S]`: write a labelled set."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", help="JSON-lines file to write.")
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="Number of texts.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")
    args = parser.parse_args(argv)
    count = write_jsonl(args.out, generate(args.size, seed=args.seed))
    print(f"wrote {count} labelled texts to {args.out}")


if __name__ == "__main__":
    main()
