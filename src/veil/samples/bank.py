"""Synthetic bank extract: KYC `customers`, card `transactions`, `support_chats` transcripts.

A European retail bank: customers in six countries (names, addresses and
national IDs from Faker's locale for each), mod-97-valid IBANs, Luhn-valid
cards and ABA-valid routing numbers of the US correspondent banks that wires
go through. Chats are one row per turn, so turns can be aggregated into a
conversation.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from faker import Faker

from veil.samples._common import Sources, Table, phone, text_date
from veil.samples.checksums import belgian_national_number, card_number, iban, routing_number
from veil.samples.truth import TextBuilder

__all__ = ["generate_bank"]

_COUNTRIES = (
    ("DE", "de_DE", 30),
    ("FR", "fr_FR", 20),
    ("NL", "nl_NL", 15),
    ("GB", "en_GB", 15),
    ("ES", "es_ES", 12),
    ("BE", "nl_BE", 8),
)
_MERCHANTS = (
    ("Lidl", "grocery"),
    ("Carrefour", "grocery"),
    ("Shell", "fuel"),
    ("Amazon EU", "online"),
    ("Zalando", "online"),
    ("IKEA", "home"),
    ("Deutsche Bahn", "travel"),
    ("KLM", "travel"),
    ("Apotheke am Markt", "pharmacy"),
    ("Starbucks", "restaurant"),
    ("Uber", "transport"),
)
_OCCUPATIONS = (
    "teacher",
    "engineer",
    "nurse",
    "retired",
    "student",
    "sales",
    "self-employed",
    "civil servant",
    "doctor",
    "unemployed",
)
_RISK = ("low", "low", "low", "medium", "medium", "high")
_AGENTS = ("Sam", "Alex", "Jordan", "Robin", "Kim")


def generate_bank(rows: int, seed: int) -> list[Table]:
    """`rows` transactions over about rows/2 customers, and about rows/4 chats."""
    src = Sources(seed)
    locales = {code: Faker(locale) for code, locale, _ in _COUNTRIES}
    for offset, fake in enumerate(locales.values()):
        fake.seed_instance(seed * 31 + offset)
    customers = Table("customers")
    people = [_customer(src, locales, customers) for _ in range(max(1, rows // 2))]
    transactions = Table("transactions")
    for index in range(rows):
        _transaction(src, transactions, index, src.rng.choice(people), people)
    chats = Table("support_chats")
    for index in range(max(1, rows // 4)):
        _chat(src, chats, index, src.rng.choice(people))
    return [customers, transactions, chats]


def _national_id(src: Sources, fake: Faker, country: str, birth: date, sex: str) -> str:
    if country == "DE":  # Steuer-ID: 11 digits, never a leading zero
        return str(src.rng.randint(1, 9)) + src.digits(10)
    if country == "ES":
        return fake.nif()
    if country == "BE":  # Faker's draws a birth date relative to today: not reproducible
        return belgian_national_number(src.rng, birth, sex)
    return fake.ssn()


def _customer(src: Sources, locales: dict[str, Faker], table: Table) -> dict:
    rng = src.rng
    country = rng.choices([c for c, _, _ in _COUNTRIES], weights=[w for _, _, w in _COUNTRIES])[0]
    fake = locales[country]
    sex = rng.choice("FM")
    name = (
        f"{fake.first_name_female() if sex == 'F' else fake.first_name_male()} {fake.last_name()}"
    )
    birth = src.day_between(date(1940, 1, 1), date(2005, 12, 31))
    person = {
        "customer_id": src.unique_id("customer", lambda: f"C{rng.randrange(10**6, 10**7)}"),
        "full_name": name,
        "birth_date": birth.isoformat(),
        "sex": sex,
        "street_address": fake.street_address().replace("\n", ", "),
        "city": fake.city(),
        "postcode": fake.postcode(),
        "country": country,
        "national_id": _national_id(src, fake, country, birth, sex),
        "iban": iban(rng, country),
        "account_number": src.digits(10),
        "occupation": rng.choice(_OCCUPATIONS),
        "annual_income": str(rng.randrange(8, 180) * 1000),
        "risk_rating": rng.choice(_RISK),
        "onboarded": src.day_between(date(2010, 1, 1), date(2024, 1, 1)).isoformat(),
    }
    row = table.add_row(person)
    table.plant_cells(
        row,
        {
            "customer_id": (person["customer_id"], "CUSTOMER_ID", None),
            "full_name": (name, "PERSON", None),
            "birth_date": (person["birth_date"], "DATE_TIME", None),
            "street_address": (person["street_address"], "STREET_ADDRESS", None),
            "postcode": (person["postcode"], "ZIP_CODE", None),
            "national_id": (person["national_id"], "NATIONAL_ID", None),
            "iban": (person["iban"], "IBAN_CODE", None),
            "account_number": (person["account_number"], "US_BANK_NUMBER", None),
        },
    )
    cards = [card_number(rng) for _ in range(rng.choice((1, 1, 2)))]
    return {**person, "cards": cards, "routing": routing_number(rng), "fake": fake}


def _transaction(src: Sources, table: Table, row: int, person: dict, people: list[dict]) -> None:
    rng = src.rng
    merchant, category = rng.choice(_MERCHANTS)
    when = datetime(2023, 1, 1) + timedelta(minutes=rng.randrange(60 * 24 * 540))
    card = rng.choice(person["cards"])
    memo, planted = _memo(src, person, rng.choice(people), card).build("transactions", row, "memo")
    values = {
        "transaction_id": f"T{rng.randrange(10**9, 10**10)}",
        "customer_id": person["customer_id"],
        "account_number": person["account_number"],
        "card_number": card,
        "routing_number": person["routing"],
        "timestamp": when.isoformat(sep=" "),
        "amount": f"{rng.lognormvariate(3.2, 1.1):.2f}",
        "currency": "EUR",
        "merchant": merchant,
        "merchant_category": category,
        "memo": memo,
    }
    table.add_row(values)
    table.plant_cells(
        row,
        {
            "customer_id": (person["customer_id"], "CUSTOMER_ID", None),
            "account_number": (person["account_number"], "US_BANK_NUMBER", None),
            "card_number": (card, "CREDIT_CARD", None),
            "routing_number": (person["routing"], "ABA_ROUTING_NUMBER", None),
        },
    )
    table.planted.extend(planted)


def _memo(src: Sources, person: dict, other: dict, card: str) -> TextBuilder:
    style, text = src.rng.randrange(8), TextBuilder()
    if style == 0:
        text.text("Rent transfer to ").plant(other["full_name"], "PERSON").text(" IBAN ")
        text.plant(other["iban"], "IBAN_CODE")
    elif style == 1:
        text.text("Refund requested by ").plant(person["full_name"], "PERSON").text(
            ", call back on "
        )
        text.plant(phone(src), "PHONE_NUMBER")
    elif style == 2:
        text.text("Wire via routing ").plant(routing_number(src.rng), "ABA_ROUTING_NUMBER")
        text.text(" acct ").plant(src.digits(12), "US_BANK_NUMBER")
    elif style == 3:
        text.text("Payment request sent to ").plant(
            f"{other['full_name'].split()[0].lower()}{src.digits(2)}@example.com", "EMAIL_ADDRESS"
        )
    elif style == 4:
        text.text("Dispute: card ").plant(card, "CREDIT_CARD").text(" charged twice")
    else:
        text.text(
            src.rng.choice(
                (
                    "Groceries",
                    "Monthly subscription",
                    "Coffee",
                    "Fuel",
                    "Online order",
                    "Train ticket",
                )
            )
        )
    return text


def _chat(src: Sources, table: Table, chat: int, person: dict) -> None:
    rng, chat_id = src.rng, f"CH{chat + 1:06d}"
    agent = rng.choice(_AGENTS)
    started = datetime(2024, 1, 1) + timedelta(minutes=rng.randrange(60 * 24 * 300))
    card = rng.choice(person["cards"])
    turns: list[tuple[str, TextBuilder]] = [
        (
            "agent",
            TextBuilder().text(f"Hello, this is {agent} from customer care. How can I help?"),
        ),
        (
            "customer",
            TextBuilder()
            .text("Hi, my name is ")
            .plant(person["full_name"], "PERSON")
            .text(
                rng.choice(
                    (
                        ". I lost my card.",
                        ". There is a payment I do not recognise.",
                        ". I moved and need to update my address.",
                    )
                )
            ),
        ),
        (
            "agent",
            TextBuilder().text(
                "I can help with that. Can you confirm your date of birth "
                "and the last four digits of the card?"
            ),
        ),
        (
            "customer",
            TextBuilder()
            .text("Born ")
            .plant(text_date(src, date.fromisoformat(person["birth_date"])), "DATE_TIME")
            .text(", card ends in ")
            .plant(card[-4:], "CARD_LAST4")
            .text("."),
        ),
    ]
    if rng.random() < 0.5:
        turns.append(
            (
                "customer",
                TextBuilder()
                .text("Actually the full number is ")
                .plant(card, "CREDIT_CARD")
                .text(" if that helps."),
            )
        )
        turns.append(
            (
                "agent",
                TextBuilder().text(
                    "Please never share the full card number in chat. "
                    "I have noted the last four digits only."
                ),
            )
        )
    turns.append(
        (
            "customer",
            TextBuilder()
            .text("My address is ")
            .plant(person["street_address"], "STREET_ADDRESS")
            .text(", ")
            .plant(person["postcode"], "ZIP_CODE")
            .text(" ")
            .plant(person["city"], "LOCATION")
            .text(". You can also email me at ")
            .plant(
                f"{person['full_name'].split()[-1].lower()}{src.digits(3)}@example.org",
                "EMAIL_ADDRESS",
            )
            .text("."),
        )
    )
    turns.append(
        (
            "agent",
            TextBuilder()
            .text("Thank you, ")
            .plant(person["full_name"].split()[0], "PERSON")
            .text(". The card is blocked and a new one will reach you in five working days."),
        )
    )
    turns.append(("customer", TextBuilder().text("Great, thanks for your help.")))
    for turn, (speaker, builder) in enumerate(turns):
        row = len(table.columns.get("chat_id", []))
        message, planted = builder.build("support_chats", row, "text")
        table.add_row(
            {
                "chat_id": chat_id,
                "customer_id": person["customer_id"],
                "turn": str(turn),
                "speaker": speaker,
                "sent_at": (started + timedelta(seconds=40 * turn)).isoformat(sep=" "),
                "text": message,
            }
        )
        table.planted.extend(planted)
