"""Person names the small NER model misses: titles, and first + last names from name lists.

Rules, weakest last:
- a title or salutation before capitalised words (`Dr. Okafor`, `Mrs Jane Doe`, `Dear Priya`);
- capitalised words right after a phrase that introduces a person (`my name is`, `ask for`,
  `spoke with`, `beneficiary`, `verified by`), whatever the language of the name;
- two or three capitalised words after money moved or asked for by someone (`transfer to`,
  `requested by`), none a bank's own word (`Savings Account`);
- the name an email's header shows before the address (`"Hollis, Grant" <g@x.org>`), and a
  name spelt out letter by letter (`spelled surname as K-O-W-A-L-C-Z-Y-K`);
- capitalised words right before what is only said of a person in a record (`was last seen`,
  `was admitted`, `was discharged`): `Benoît Heath was last seen`, `Greca de Bont was admitted`;
- a known first name after `it's` or `I'm` (`you can text me, it's Maria`): the phrases say
  as often `it's Friday`, so only a name from the lists counts, here those of most languages
  written in the Latin alphabet (`it's Andrzej`, `I'm Rémy`);
- a known first name followed by a capitalised word (`Maria Gonzalez`, `Tom J. Baker`), stronger
  when that word is a known surname; in capitals, a first and a last name of the lists either
  way round (`MARIA GONZALEZ`, `GONZALEZ, MARIA`), or `LAST, FIRST` alone in a header's field;
- a lone known first or last name, which only counts with context nearby (`patient`, `spoke with`).
The name lists are the English-language person data that ships with Faker (US, GB, IE, NZ, IN),
and for `it's` and `I'm` the first names of its other Latin-alphabet locales as well, but those
in `HELD_OUT_NAME_LOCALES`: the evaluation set draws its names that are not en_US ones from
those (`veil.evaluation.generate`), so its recall is that of names veil does not know.
A name may hold lower-case particles (`Dr. de Kale`, `spoke with Nikki van den Nyeuwenhuysen`).
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
from functools import cache

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from veil.nlp.recognizers._base import CUSTOMER_TURN, recognizer_result
from veil.nlp.types import NAME_PARTICLES, is_name_prefix

__all__ = ["HELD_OUT_NAME_LOCALES", "PersonNameRecognizer", "faker_locales", "faker_names",
           "holds_full_name", "introduction_names", "name_lists"]

_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "en_IN")
FIRST_NAME_LISTS = ("first_names", "first_names_male", "first_names_female")
#: Faker locales none of whose names back a rule: the evaluation's names not from en_US.
HELD_OUT_NAME_LOCALES = ("cs_CZ", "hu_HU", "ro_RO", "tr_TR", "fi_FI", "sv_SE")
#: Faker's `en` holds places and feasts among its first names (`London`, `Easter`).
_NOT_INTRODUCTION_LOCALES = frozenset({"en", *HELD_OUT_NAME_LOCALES})
# Capitalised words that are names in the lists but far more often something else.
_NOT_NAMES = frozenset("""
A An And Are As At Be But By Can Do For From Had Has Have He Her His How I If In Is It Its Me
My No Not Of On Or Our She So The Then They This To Up We What When Who Why Will With You Your
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tomorrow Yesterday
Patient Doctor Nurse Hospital Clinic Street Avenue Road Bank Account Card Member Plan
St Rd Ave Blvd Ln Hwy Pkwy
Grant Mark Bill Page Hope Faith Joy Will Art Gay Rich Young Best Long Love Major Price Dean
""".split())
#: Names of things that end in a surname (`Insurance: Blue Cross`): no lone name inside.
_NAMED_THINGS = re.compile(r"\bBlue\s+(?:Cross|Shield)\b")
# spelt out in each case, as a case-insensitive group makes every pattern that holds it
# several times slower to scan
TITLES = (r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev|Sir|Dame|Lady|Lord|Nurse|Dear"
          r"|Attn|ATTN|attn|Attention|attention|c/o|C/O|FAO|fao)")
#: One word of a name: a capital, then lower-case letters, with the capitals inside that
#: names carry (`McDonald`, `DeShawn`, `O'Brien`, `D'Angelo`, `O'Sullivan-McCarthy`); a
#: capital alone never (`I`, `I'm`, `I'll` are no names).
_NAME_REST = r"(?:{lower}+|['’](?={upper}))(?:['’]?{upper}{lower}+|['’]{lower}+)*"
_NAME_WORD = r"{upper}" + _NAME_REST + r"(?:-{upper}?" + _NAME_REST + r")*"
_NAME = _NAME_WORD.format(upper="[A-Z]", lower="[a-z]")
_INITIAL = r"[A-Z]\."
_WORD = re.compile(rf"\b{_NAME}\b")
# Any script: Ł, é, ñ ... (the `regex` module, a Presidio dependency, knows Unicode classes).
_ANY_NAME = _NAME_WORD.format(upper=r"\p{Lu}", lower=r"\p{Ll}")
#: Between the words of one name: spaces, never a line's end (`Name: Priya Raman` then
#: `Product name: ...` on the next line).
_GAP = r"[^\S\n]+"
#: Where a name ends: not inside a word (`O'` of `O'CONNOR`), but before a possessive or a
#: closing quote (`'Maria Gonzalez'`).
_NAME_END = r"(?![\p{L}\p{N}-]|['’]\p{Lu})"
#: A first name, then capitalised words: whole words of any script (`Ana Sofía Ramírez` once
#: gave `Ana Sof`, and left the rest readable).
_SEQUENCE = regex.compile(rf"\b(?P<first>{_ANY_NAME})"
                          rf"(?:{_GAP}(?P<initial>{_INITIAL}|\p{{Lu}}(?=\s)))?"
                          rf"{_GAP}(?P<last>{_ANY_NAME})(?:{_GAP}(?P<second_last>{_ANY_NAME}))?"
                          + _NAME_END)
#: A first name joined to a full name that follows it (`Gareth & Sian Pritchard`, a joint
#: account's holders), looked for at the end of the text before that full name.
_PARTNER_BEFORE = regex.compile(rf"\b(?P<partner>{_ANY_NAME}){_GAP}(?:&|and){_GAP}$")
_PARTNER_REACH = 40
#: Lower-case words between (or, after a title, before) a name's capitalised ones.
_PARTICLES = rf"(?:(?:{NAME_PARTICLES}){_GAP})*"
# `Dear Mrs. Adeyemi`: the name is after the second title, not the title itself
_TITLED = regex.compile(rf"\b{TITLES}\.?:?\s+(?P<value>(?!{TITLES}\b){_PARTICLES}"
                        rf"{_ANY_NAME}(?:{_GAP}(?:{_INITIAL}{_GAP})?{_PARTICLES}{_ANY_NAME})"
                        rf"{{0,2}}){_NAME_END}")
#: A clinician's role before a full name (`NP Kwame Mensah`, `RN Sofia Lindqvist`) or an
#: initial and a name (`RN K. Osei`): two words at least, as `NP Thyroid` is a drug.
_ROLE_TITLED = regex.compile(rf"\b(?:NP|RN|PA|LPN|CNA|APRN|CRNA|LCSW)\s+(?P<value>"
                             rf"(?:\p{{Lu}}\.{_GAP}){{1,2}}{_ANY_NAME}"
                             rf"|{_ANY_NAME}(?:{_GAP}{_PARTICLES}{_ANY_NAME}){{1,2}}){_NAME_END}")
#: Words for a relative or someone close, before their name (`her grandson Jayden`) or after
#: it in brackets (`Piotr (brother)`).
_RELATIVES = (r"(?:(?:grand|step)?(?:son|daughter|mother|father|child)|brother|sister)"
              r"(?:-in-law)?|partner|fianc[eé]e?|niece|nephew|aunt|uncle|cousin|girlfriend"
              # `mom`, `mum`, `dad` in lower case: `Dad Jokes`, `Mum Boss` are titles
              r"|boyfriend|bf|gf|(?-i:mom|mum|dad)|neighbou?r|caregiver|carer|guardian"
              # a former partner (`her ex Connor`, `ex-husband Dean`; `ex` alone after whose)
              r"|ex-(?:partner|husband|wife|boyfriend|girlfriend)"
              r"|(?<=\b(?:my|her|his|their|your|our)\s)ex")
#: The same and the other words for the people close to someone.
_KIN = (rf"{_RELATIVES}|(?:grand|step)?parent|wife|husband|spouse|mom|mum|dad|sibling|friend"
        r"|grandma|grandpa|nok|next\s+of\s+kin")
#: The people a patient or a client deals with, named after their role in a note's lower case
#: (`pharmacist Yusuf`, `housing officer Kemi`); not an interpreter, as a language may follow.
_CARE_ROLES = (r"pharmacist|social worker|case ?worker|case manager|care coordinator"
               r"|housing officer|support worker|key ?worker|chaplain|therapist|counsell?or"
               r"|physio(?:therapist)?|midwife|health visitor|dietitian|paramedic|advocate")
#: A couple's initials joined before their surname (`J & K Fitzgerald`, `A and M Okoro`): the
#: surname one of the lists, as `A & E Department` and `P & O Ferries` are none.
_COUPLE_INITIALS = regex.compile(
    rf"\b\p{{Lu}}\.?\s*(?:&|and)\s*\p{{Lu}}\.?\s+(?P<last>{_ANY_NAME}){_NAME_END}")
#: The people someone works with, named after their role in a workers' compensation claim or
#: an HR case (`supervisor Ana Lima`): a given name of the lists first, as a capitalised word
#: after them is as often a task (`supervisor Review due`).
_WORK_ROLED = regex.compile(
    r"\b(?i:supervisor|line manager|team leader|foreman|forewoman|co-?worker|colleague):?"
    rf"\s+(?P<first>{_ANY_NAME})(?:{_GAP}(?P<last>{_ANY_NAME}))?{_NAME_END}")
#: The name after a phrase that introduces one: up to two initials, then a name's words.
_INTRODUCED_NAME = (rf"(?P<value>(?!{TITLES}\b)(?:\p{{Lu}}\.?{_GAP}){{0,2}}{_ANY_NAME}"
                    rf"(?:{_GAP}{_PARTICLES}{_ANY_NAME}){{0,2}}){_NAME_END}")
_INTRODUCED = regex.compile(
    r"(?i:\b(?:my name is|name on the (?:card|account) is|(?:full|legal|customer|client|patient"
    r"|cardholder|account holder)(?:['’]s)? name:?|(?<![^\n])name:|this is|ask for|"
    r"speak (?:to|with)|"
    r"spoke (?:to|with)|thanks|thank you|"
    r"(?:call|message|voicemail|vm|msg) (?:placed|left) (?:to|for|with)|"
    r"left (?:a )?(?:message|voicemail|vm|msg) (?:for|with)|"
    r"hello|hi|dear|customer|client|beneficiary|account holder|patient|pt\.?|referred by|"
    r"(?:checked|verified|approved|reviewed|witnessed|signed(?: off)?) by|"
    r"(?:opened|submitted|lodged|filed)(?: online| electronically| in branch)? by|"
    r"(?:acct|account) name|(?:on file|registered|records?) (?:for|to)|"
    # a form's or a record's field for the person it is about, with its colon
    r"(?:employee|tenant|student|applicant|claimant|insured|borrower|cardholder|payee|sender"
    r"|recipient|remitter):|"
    # signing off a letter or an email (`Regards, Marta Kowalewska | Claims`)
    r"(?:kind |best |warm )?regards|best wishes|many thanks|sincerely|yours (?:truly|sincerely)|"
    r"prescription for|summary for|wife|husband|note:|landlord|landlady|guarantor|co-?signer|"
    # the defendant of an English criminal case, as a court lists it (`R v Daniel Price`)
    r"(?-i:R v\.?)|"
    r"(?:gave|giving|gives)(?: (?:his|her|their))? name as|next of kin|"
    # a relative's name given as such (`sister's name Tamika`)
    rf"(?:{_KIN})['’]s name(?: is)?:?|"
    r"(?:first|last|given|family|middle) name(?: is)?|surname(?: is)?|"
    rf"(?-i:{_CARE_ROLES})|{_RELATIVES}))"
    rf",?\s+{_INTRODUCED_NAME}")
#: The same phrases in the languages of European customers' forms and chats (`demandez
#: Céline`, `me llamo Lucía`). Looked for only in a text that holds one: a regex over every
#: word of every text costs a microsecond per phrase.
_INTRODUCING_ABROAD = ("demandez", "je m'appelle", "je m’appelle", "ich heiße", "ich heisse",
                       "fragen sie nach", "me llamo", "pregunte por", "mi chiamo", "chiedete di",
                       "chieda di")
_INTRODUCED_ABROAD = regex.compile(
    rf"(?i:\b(?:{'|'.join(_INTRODUCING_ABROAD)}))\s+{_INTRODUCED_NAME}")
#: Parts of those phrases whatever the case of their first letter, looked up in the text as it
#: is (lowering every text and looking up each phrase cost 5 µs a text).
_ABROAD_MARKS = ("emandez", "appelle", "heiße", "heisse", "ragen Sie", "llamo", "regunte",
                 "chiamo", "hiede", "hieda")
#: A word after `it's` or `I'm`, before `here` opening a message (`Jake here, my card...`),
#: or signing one (`-- Jake`): a name when it is a known first name (`Click here` is none).
_SELF_NAMED = (
    regex.compile(rf"(?i:\b(?:it['’]?s|it is|i['’]m|i am))\s+(?P<value>{_ANY_NAME})\b"),
    # `Noor from accounts here`, after a greeting's comma too (`Hi team, Noor here`)
    regex.compile(rf"(?m:^|(?<=[.!?,]\s))(?P<value>{_ANY_NAME})"
                  r"(?:\s+from\s+(?:the\s+)?\p{Ll}+(?:\s+\p{Ll}+)?)?\s+here\b"),
    # signing a line, or a quoted message (`"... my acc is 1234 5678" - Liam`)
    regex.compile(r"(?m:(?:^|[\"”][^\S\n]*)[^\S\n]*(?:--?|[–—])[^\S\n]*"
                  rf"(?P<value>{_ANY_NAME})[^\S\n]*$)"),
)
#: The phrases that introduce a chat's writer or a relative, and a title, before a name in its
#: lower case (`yeah its sarah connolly`, `im aisha`, `my name is john smith`, `my dad ahmed`,
#: `my landlord mr patel`): a known first name and the word after it unless a common one, or
#: a known surname.
_SELF_NAMED_LOWER = regex.compile(
    r"(?i:\b(?:my\s+name(?:['’]s|\s+is)|name(?:['’]s|\s+is)|this\s+is|it['’]?s|it\s+is"
    rf"|i['’]?m|i\s+am|(?P<kin>my\s+(?:{_KIN}|hubby|nan|gran))))"
    rf"\s+(?P<first>\p{{Ll}}{{2,}})(?:{_GAP}(?P<last>\p{{Ll}}[\p{{Ll}}'’-]+))?"
    r"(?![\p{L}'’-])")
# a particle after a title opens a name in title case, the title rule's (`Dr. de Kale`)
_TITLED_LOWER = regex.compile(
    rf"(?i:\b(?:mr|mrs|ms|miss|dr)\.?)\s+(?!(?:{NAME_PARTICLES})\s)"
    r"(?P<value>\p{Ll}[\p{Ll}'’-]+)(?![\p{L}'’-])")
#: Words of a chat that follow a name but are none (`it's john here`, `its sarah lol`).
_CHAT_WORDS = frozenset("""
here again lol haha thanks thx pls please sorry hi hello hey ok okay btw speaking calling
""".split())
# Money moved to or from someone, or asked for by someone (`Rent transfer to Hella Steckel`,
# `Refund requested by Benoît Lamy`): two names or more, none a bank's own word
# (`transfer to Savings Account`).
_PAYEE = regex.compile(
    r"(?i:\b(?:transfer(?:red)?\s+(?:to|from)|sent\s+to|wired\s+to|received\s+from|"
    r"(?:issued|paid|refunded|credited|payable)\s+to|"
    # the amount between (`wired $48,200 to Karim Nassar`, `sent £500 to`)
    r"(?:transferred|sent|wired|paid)\s+(?:[$£€]\s?[\d.,]+|[\d.,]+\s?(?:[$£€]|[A-Z]{3}))"
    r"\s+to|"
    # many payments with words between (`received 14 transfers under $10,000 from Elena
    # Sokolova`), in the same clause
    r"(?:transfers|payments|deposits|remittances|wires)\b[^.;:\n]{0,40}?\s(?:to|from)|"
    r"on\s+behalf\s+of|(?:requested|initiated|authori[sz]ed|ordered)\s+by))"
    rf"\s+(?P<value>{_ANY_NAME}(?:\s+{_PARTICLES}{_ANY_NAME}){{1,2}})")
#: Words of an account's or a business's name (`Savings Account`, `Home Depot`, `Delta
#: Airlines`): a payee named with one is no person. None is a surname (`Church`, `Power` are).
_NOT_PAYEES = frozenset("""
Savings Checking Current Account Accounts Card Bank Loan Mortgage Rent Fund Funds Ltd Limited
Inc Corp LLC GmbH Company Holdings Insurance Utilities Electric Water Gas Tax Treasury Revenue
Brokerage Investment Investments Trust Pension Wallet Deposit Credit Debit Visa Mastercard
Depot Market Markets Supermarket Mart Store Stores Shop Shops Foods Pharmacy Airlines Airways
Services Restaurant Cafe Café Hotel Hotels Telecom Mobile Energy Motors Gym Fitness Clinic
Hospital University College Council County Department Agency Association Foundation Charity
Society Solutions Systems Technologies Media Entertainment Online Express Logistics Delivery
Supplies Hardware Furniture Parking Rentals Airport Transit Railway Subscription
Life Assurance Group Partners Capital Financial Finance Lending Loans Payments New
Paypal Venmo Zelle Stripe Revolut Monzo Klarna Amazon
""".split())
_SAID_OF_A_PERSON = regex.compile(
    rf"(?P<value>{_ANY_NAME}(?:\s+(?:\p{{Ll}}{{1,3}}\s+)?{_ANY_NAME}){{0,2}})"
    r"\s+(?:was|is|has been)\s+(?:last\s+)?(?:seen|admitted|readmitted|discharged|transferred)\b")
#: Capitalised words before the family relation in brackets that makes them a person's name
#: (`Emergency contact: Piotr (brother)`, `Margaret Ellis (wife, HCP)`).
_RELATED = regex.compile(
    rf"(?P<value>{_ANY_NAME}(?:{_GAP}{_PARTICLES}{_ANY_NAME}){{0,2}})\s*\((?i:{_KIN})\b")
#: ... or after it, the name in brackets (`wife (Grace) drove him in`, `son (Liam, 16)`).
_RELATED_AFTER = regex.compile(
    rf"(?i:\b(?:{_KIN}))\s*\((?P<value>{_ANY_NAME}(?:{_GAP}{_PARTICLES}{_ANY_NAME}){{0,2}})"
    r"(?=\s*[,;)])")
#: A chat's or a call log's staff member, their role in brackets after the name (`Jess
#: (agent): Hi!`).
_STAFF_ROLE = regex.compile(
    rf"(?P<value>{_ANY_NAME}(?:{_GAP}{_PARTICLES}{_ANY_NAME}){{0,2}})\s*\((?i:agent|advis[eo]r"
    r"|rep|representative|csr|operator|supervisor|team\s+leader|manager)\)")
#: A name asked for in one turn of a chat and given in the customer's next (`Who am I speaking
#: with? - Visitor: Olamide, I need ...`).
_NAME_ANSWERED = regex.compile(
    r"(?i:who\s+am\s+i\s+(?:speaking|talking)\s+(?:with|to)|(?:can|could|may)\s+i\s+(?:take"
    r"|have|get)\s+(?:your|the\s+account\s+holder['’]s)\s+(?:full\s+)?name|what['’]?s\s+your"
    r"\s+(?:full\s+)?name|what\s+is\s+your\s+(?:full\s+)?name)[^.?!\n]{0,20}\?[^:\n]{0,25}?"
    rf"{CUSTOMER_TURN}(?P<value>{_ANY_NAME}(?:{_GAP}{_PARTICLES}{_ANY_NAME}){{0,2}}){_NAME_END}")
#: The sender of a line of an exported chat, after its date and time: WhatsApp's (`[12/11/2024,
#: 21:04] Thabo: ...` from a phone, `12/11/2024, 21:04 - Thabo: ...` from the other), as a
#: contact is saved; a number is the phone recognizer's.
_EXPORT_STAMP = (r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?"
                 r"(?:\s?[APap]\.?[Mm]\.?)?")
_CHAT_EXPORT_SENDER = regex.compile(
    rf"^(?:\[{_EXPORT_STAMP}\]\s*|{_EXPORT_STAMP}\s+-\s+)"  # not a note's `12/11 14:00 Plan:`
    r"(?P<value>\p{L}[\p{L}'’ .-]{0,38}?):\s", regex.MULTILINE)
#: A person's initials given as such, as a clinical trial or a safeguarding record keeps a
#: subject's (`initials J.R.K.`, `Initials: JRK`): two to four capitals, points or not.
_INITIALS_GIVEN = regex.compile(r"\b(?i:initials)\s*[:=-]?\s*(?P<value>\p{Lu}\.?(?:\s?\p{Lu}\.?)"
                                r"{1,3})(?![\p{L}\d])")
#: Words of a team's or a desk's name, which a role in brackets may follow too (`Claims Team
#: (manager)`).
_DESK_WORDS = frozenset("""
Team Desk Support Sales Billing Claims Complaints Department Office Unit Centre Center Line
Chat Live Duty Night Day Shift Helpdesk Service Services Fraud Collections
""".split())
#: A given name before what a person says or wants (`Dispute: Diego says the ATM kept his
#: card`), one of the lists or of Faker's other languages: a full name is found without it.
_SAYS = regex.compile(rf"\b(?P<value>{_ANY_NAME})\s+(?:says|said|reports|reported|states"
                      r"|stated|claims|claimed|confirms|confirmed|told|asked|wants|wanted)\b")
#: A given name before an age or a school year in brackets (`Keira (19)`, `Amara (Y6)`,
#: `Aiden (grade 4)`), one of the lists: `Heart Rate (92)` has none.
_WITH_AGE = regex.compile(rf"\b(?P<value>{_ANY_NAME})\s\((?:\d{{1,3}}|Y\d{{1,2}}"
                          r"|(?i:yr|year|grade|aged?)\s?\d{1,3}|\d{1,3}\s?(?i:y/?o|yrs?|years?))\)")
#: Words of a form's labels, which a relation in brackets may follow too (`Contact (wife):`).
_FORM_WORDS = frozenset("Emergency Contact Name Relationship Relation Next Kin Other".split())
#: Capitalised words before `was admitted` that name a person by a role, not by name.
_ROLES = frozenset("""
Mother Father Wife Husband Son Daughter Sister Brother Baby Infant Child Partner Spouse Parent
Caller Client Customer Resident Mum Mom Dad Pt Patient
""".split())
#: A word in capitals, as banks print their statements' memos: `O'CONNOR`, `NGUYEN-TRAN`.
_CAPITALS_WORD = r"\p{Lu}(?:['’]?\p{Lu})+(?:-\p{Lu}+)*"
_CAPITALS_INITIAL = r"\p{Lu}\.?\s+"
#: A payee in a memo in capitals (`ZELLE TO JOHN SMITH`, `SEPA CT FROM MUELLER HANS`, `FASTER
#: PAYMENT TO J O'CONNOR REF RENT`): up to three words after TO, FROM or BY, cut at the memo's
#: own words, one of them a name of the lists and none a bank's or a business's word; or a
#: surname no list holds with the initials a bank prints after it (`CHAPS PAYMENT TO OKONKWO C`).
_CAPITALS_PAYEE = regex.compile(
    # a memo's field in any case (`Beneficiary: ANDERSSON ERIK`)
    r"\b(?:TO|FROM|(?P<by>BY)|(?i:beneficiary|payee|remitter|ordering\s+customer|account\s+holder)"
    # the rail, then what it did in any case (`CHAPS payment to`)
    r"|(?:BACS|FPS|CHAPS|BGC)(?i:\s+(?:credit|debit|payment|pmt|tfr))?(?i:\s+(?:to|from))?)"
    r"\s*:?\s+"
    rf"(?P<value>(?:{_CAPITALS_INITIAL}){{0,2}}{_CAPITALS_WORD}"
    rf"(?:\s+(?:{_CAPITALS_INITIAL})?{_CAPITALS_WORD}){{0,2}}"
    r"(?P<initials>(?:\s+\p{Lu}\.?(?![\p{L}\d'’-])){1,2})?)(?![\p{L}\d'’-])")
#: An initial with its point and a surname in capitals after `to` or `from` in any case, as a
#: statement in mixed case prints a payee (`Salary credit from ACME LTD to A. RAHMAN`).
_INITIAL_SURNAME = regex.compile(
    rf"\b(?i:to|from)\s+(?P<value>\p{{Lu}}\.\s*(?P<surname>{_CAPITALS_WORD}))(?![\p{{L}}\d'’-])")
#: A surname in capitals and the initials after it, after `for`, as a return or a refund notice
#: prints the account's holder (`ACH return R03 for BRENNAN K acct ...`).
_FOR_SURNAME_INITIALS = regex.compile(
    rf"\b(?i:for)\s+(?P<value>(?P<surname>{_CAPITALS_WORD})(?:\s+\p{{Lu}}\.?){{1,2}})"
    r"(?![\p{L}\d'’-])")
#: Surnames of the lists that name a part of a hospital or a building before its letter (`bed
#: requested for WARD B`).
_PLACES_BEFORE_A_LETTER = frozenset({"Ward", "Hall", "House", "Park", "Day", "Wing", "Block"})
_CAPITALS_TITLE = r"\b(?:MR|MRS|MS|MISS|MX|DR)\.?\s+"
#: A title in capitals, then initials and a name (`MS A KOWALSKA`, `MR J P SMITH`): in
#: capitals `MR` and `MS` are also a heart's murmur and a disease, which initials never follow.
_CAPITALS_TITLED = regex.compile(
    rf"{_CAPITALS_TITLE}(?P<value>(?:\p{{Lu}}\.?\s+){{1,2}}{_CAPITALS_WORD})"
    r"(?![\p{L}\d'’-])")
#: ... or a given name and a surname, one of them of the lists, as an airline's booking prints
#: a passenger (`MS AISHA BELLO`; `MS CONTIN` is a drug).
_CAPITALS_TITLED_FULL = regex.compile(
    rf"{_CAPITALS_TITLE}(?P<first>{_CAPITALS_WORD})\s+(?P<last>{_CAPITALS_WORD})"
    r"(?![\p{L}\d'’-])")
#: A first and a last name of the lists, in capitals, anywhere (`CHQ DEP 00123 MARIA GONZALEZ`).
_CAPITALS_FULL_NAME = regex.compile(
    rf"\b(?P<first>{_CAPITALS_WORD})\s+(?:{_CAPITALS_INITIAL})?(?P<last>{_CAPITALS_WORD})"
    r"(?![\p{L}\d'’-])")
#: ... and the other way round, as record systems print a name (`GARCIA, MARIA`), or alone in a
#: field of a record's header (`Lab req: KOWALSKI, ANNA | DOB`), where the surname may be any.
_CAPITALS_LAST_FIRST = regex.compile(
    r"(?P<field>(?:^|(?<=[:|;]\s*)))?"
    rf"\b(?P<last>{_CAPITALS_WORD}),\s+(?P<first>{_CAPITALS_WORD})(?:\s+\p{{Lu}}\.?)?"
    r"(?![\p{L}\d'’-])(?(field)(?=\s*(?:[|;]|$)))", regex.MULTILINE)
#: The name an email's header shows before the address (`"Hollis, Grant" <ghollis@x.org>`,
#: `From: Grant Hollis <g@x.org>`).
_DISPLAY_NAME = regex.compile(
    rf"(?P<quote>\"?)(?P<value>{_ANY_NAME}(?:,?{_GAP}{_ANY_NAME}){{0,3}})(?P=quote)"
    r"[^\S\n]*<[^<>\s@]+@[^<>\s]+>")
#: A name spelt out letter by letter (`spelled surname as K-O-W-A-L-C-Z-Y-K`).
_SPELT = regex.compile(r"(?i:\bspel(?:led|t|ls|ling)\b(?=[^.;\n]{0,30}?name))[^.;\n]{0,30}?"
                       r"(?P<value>(?:\p{Lu}[-. ]){2,}\p{Lu})(?![\p{L}\d])")
_NON_SPACE = re.compile(r"\S+")
#: Words of a memo after its payee: where the payee's name ends.
_MEMO_WORDS = frozenset("""
REF REFERENCE ID INV INVOICE MEMO FOR ON AT VIA ACCT ACCOUNT DD SO FPS ACH POS ATM CHQ CHEQUE DEP
RENT PAYMENT TRANSFER CARD DEBIT CREDIT BACS CHAPS BGC SALARY WAGES PAYROLL PENSION REFUND
LOAN FEE FEES INTEREST BILL JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC
""".split())
#: Words that make a payee no person, in Title Case as in capitals (`Savings`, `STORES`).
_NOT_IN_A_PAYEE = _NOT_NAMES | _NOT_PAYEES
#: Patterns whose `value` is a name unless one of its words is in the set beside it, and the
#: character a text must hold for the pattern to be searched in it (a bracket: most texts have
#: none, and a case-insensitive alternation of relatives costs ~8 µs a text to scan).
_CUED = ((_PAYEE, _NOT_IN_A_PAYEE, ""), (_SAID_OF_A_PERSON, _NOT_NAMES | _ROLES, ""),
         (_RELATED, _NOT_NAMES | _ROLES | _FORM_WORDS, "("),
         (_RELATED_AFTER, _NOT_NAMES | _ROLES | _FORM_WORDS, "("),
         # an address's name: no business's (`Customer Services <cs@x.com>`), but `Grant` is
         (_DISPLAY_NAME, _NOT_PAYEES | _ROLES, "@"), (_SPELT, frozenset(), "pel"),
         (_STAFF_ROLE, _NOT_IN_A_PAYEE | _ROLES | _FORM_WORDS | _DESK_WORDS, "("),
         (_NAME_ANSWERED, _NOT_NAMES | _ROLES, "?"), (_INITIALS_GIVEN, frozenset(), "nitials"),
         (_CHAT_EXPORT_SENDER, _NOT_NAMES | _ROLES, ":"))
#: Capitalised words that are no one's given name, though one may stand before a surname.
NOT_GIVEN_NAMES = _NOT_IN_A_PAYEE | _ROLES | _FORM_WORDS
# "Patient: Rodriguez, Joy", "Name: Doe, Jane A.", "PATIENT: SMITH, JOHN A." (as a record
# system prints it, in capitals: then a name of the lists, as `HIV, AIDS` is none)
_CAPITALS_NAME = r"(?=\p{Lu}[-'’]?\p{Lu})\p{Lu}+(?:[-'’]\p{Lu}+)*"
_LAST_FIRST = regex.compile(
    r"(?i:\b(?:patient|pt|name|customer|client|account holder|beneficiary|guarantor|provider"
    r"|physician|attending|surgeon|resident|pcp|ordered by|signed by|dictated by|cc)"
    r"(?:\s+(?:record|file|details))?)"  # `Customer record: GARCIA LOPEZ, MARIA JOSE`
    r"\s*(?::[.:_]*|[.:_]{2,})\s*"  # a colon, or a form's dot leaders (`Name:.....`)
    rf"(?P<value>{_ANY_NAME},\s+{_ANY_NAME}(?:\s+\p{{Lu}}\.)?"
    # two surnames and two given names, as Spanish and Portuguese records hold them, the
    # second of three letters or more (`SMITH, JOHN MD`: a degree)
    rf"|(?P<capital_last>{_CAPITALS_NAME}(?:\s(?=\p{{Lu}}{{3}}){_CAPITALS_NAME})?),\s+"
    rf"(?P<capital_first>{_CAPITALS_NAME}(?:\s(?=\p{{Lu}}{{3}}){_CAPITALS_NAME})?|\p{{Lu}}\.?"
    r"(?![\p{L}\d]))(?:\s+\p{Lu}\.?(?!\p{L}))?)")
#: The labels of a record's next field, which follow a name in capitals (`PT JONES, DOB`).
_FIELD_LABELS_IN_CAPITALS = frozenset("""
DOB MRN SSN IBAN NHS ID NI DL MBI NPI DEA FIN CSN HAR AGE SEX MALE FEMALE ADDRESS PHONE TEL
EMAIL REF ACCT ACCOUNT NO RE CC
""".split())
#: ... and with no colon after `pt`, a surname in capitals and a given name or an initial (`pt
#: HOLLOWAY, D MRN ...`, as a lab order prints it): one word each, the surname of the lists, the
#: given name no label (`PT JONES, DOB ...`)
_PT_LAST_FIRST = regex.compile(
    rf"\b(?i:pt|patient)\s+(?P<value>(?P<capital_last>{_CAPITALS_NAME}),\s+"
    rf"(?P<capital_first>{_CAPITALS_NAME}|\p{{Lu}}\.?(?![\p{{L}}\d]))(?:\s+\p{{Lu}}\.?(?!\p{{L}}))?)"
    r"(?![\p{L}\d'’-])")
# NAME(S) after these in the same clause are names, not sentence starts.
CONTEXT = ["patient", "pt", "name", "named", "client", "customer", "dear", "hi", "hello",
           "thanks", "thank", "spoke", "called", "caller", "contact", "wife", "husband",
           "daughter", "son", "mother", "father", "signed", "seen", "attending", "referred",
           "nurse", "dr", "mr", "mrs", "ms", "account holder", "holder", "beneficiary"]


def faker_names(locale: str, attrs: tuple[str, ...] = FIRST_NAME_LISTS) -> set[str]:
    """The names Faker's person provider for `locale` lists under `attrs`."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for attr in attrs:
        listed = vars(provider).get(attr, ())  # some locales compute theirs (a property)
        if isinstance(listed, (list, tuple, dict)):
            names.update(listed)
    return names


@cache
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names) from Faker's English-language person providers."""
    first = set().union(*(faker_names(locale) for locale in _LOCALES))
    last = set().union(*(faker_names(locale, ("last_names",)) for locale in _LOCALES))
    keep = re.compile(rf"^{_NAME}$")
    first = {n for n in first if keep.match(n)} - _NOT_NAMES
    last = {n for n in last if keep.match(n)} - _NOT_NAMES
    return frozenset(first), frozenset(last)


@cache
def introduction_names() -> frozenset[str]:
    """First names of Faker's Latin-alphabet locales (but `_NOT_INTRODUCTION_LOCALES`) and
    the English lists: the names `it's` and `I'm` introduce. Loaded at the first such phrase
    whose name is not English (0.2 s)."""
    latin = regex.compile(rf"^(?=\p{{Latin}}+(?:[-'’]\p{{Latin}}+)*$){_ANY_NAME}$")
    locales = [locale for locale in faker_locales() if locale not in _NOT_INTRODUCTION_LOCALES]
    names = {name for locale in locales for name in faker_names(locale) if latin.match(name)}
    return frozenset(names - _NOT_NAMES) | name_lists()[0]


@cache
def _words_after_no_name() -> frozenset[str]:
    """English stop words and `_CHAT_WORDS`: the word after a name in lower case that is not
    its surname. Read once, at the first such name (spaCy is not loaded without NER)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _CHAT_WORDS


def faker_locales() -> list[str]:
    """Every locale Faker has a person provider for."""
    import faker.providers.person

    return [module.name for module in pkgutil.iter_modules(faker.providers.person.__path__)]


def holds_full_name(text: str) -> bool:
    """Whether `text` holds a known first name followed by a known last name (`John Smith`):
    the one rule strict enough for a column name, whose words are no sentence."""
    first_names, last_names = name_lists()
    return any(match["first"] in first_names and match["last"] in last_names
               for match in _SEQUENCE.finditer(text))


class PersonNameRecognizer(EntityRecognizer):
    """Rule- and list-based PERSON finder, complementing spaCy's NER."""

    ENTITY = "PERSON"
    TITLED_SCORE = 0.85
    INTRODUCED_SCORE = 0.9
    FULL_NAME_SCORE = 0.85
    FIRST_PLUS_CAPITAL_SCORE = 0.6
    LONE_NAME_SCORE = 0.3

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], name="PersonNameRecognizer",
                         supported_language=supported_language, context=list(CONTEXT))

    def load(self) -> None:
        self.first_names, self.last_names = name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        spans: dict[tuple[int, int], float] = {}

        def add(start: int, end: int, score: float) -> None:
            if spans.get((start, end), 0.0) < score:
                spans[(start, end)] = score

        for pattern in (_TITLED, _ROLE_TITLED):
            for match in pattern.finditer(text):
                add(*match.span("value"), self.TITLED_SCORE)
        self._introduced(text, add)
        for match in _SEQUENCE.finditer(text):
            self._sequence(match, add)
        self._in_capitals(text, add)
        self._lone_names(text, add)
        return [self._result(start, end, score) for (start, end), score in spans.items()]

    def _introduced(self, text: str, add) -> None:
        """The rules that a phrase before or after the name, or a field's label, proves."""
        for match in _LAST_FIRST.finditer(text):
            if match["capital_last"] is None or self._listed_in_capitals(match):
                add(*match.span("value"), self.INTRODUCED_SCORE)
        for match in _PT_LAST_FIRST.finditer(text):
            if (match["capital_last"].title() in self.last_names
                    and match["capital_first"].strip(".") not in _FIELD_LABELS_IN_CAPITALS):
                add(*match.span("value"), self.INTRODUCED_SCORE)
        abroad = any(map(text.__contains__, _ABROAD_MARKS))
        introduced = (_INTRODUCED, _INTRODUCED_ABROAD) if abroad else (_INTRODUCED,)
        for match in itertools.chain.from_iterable(p.finditer(text) for p in introduced):
            if match["value"].split()[0] not in _NOT_IN_A_PAYEE:  # `left for Pharmacy`
                start, end = match.span("value")
                # a form's next field, two spaces on (`Employee: Rhiannon Price  Payroll no:`)
                gap = text.find("  ", start, end)
                add(start, end if gap < 0 else gap, self.INTRODUCED_SCORE)
        if "&" in text or " and " in text:
            for match in _COUPLE_INITIALS.finditer(text):
                if match["last"] in self.last_names and match["last"] not in _NOT_NAMES:
                    add(match.start(), match.end("last"), self.INTRODUCED_SCORE)
        if "(" in text:
            for match in _WITH_AGE.finditer(text):
                if match["value"] in self.first_names and match["value"] not in NOT_GIVEN_NAMES:
                    add(*match.span("value"), self.INTRODUCED_SCORE)
        for match in _SAYS.finditer(text):
            given = match["value"]
            if ((given in self.first_names or given in introduction_names())
                    and given not in NOT_GIVEN_NAMES):
                add(*match.span("value"), self.INTRODUCED_SCORE)
        for match in _WORK_ROLED.finditer(text):
            if match["first"] in self.first_names and match["first"] not in _NOT_NAMES:
                last = match["last"]
                end = match.end("first" if last is None or last in _NOT_IN_A_PAYEE else "last")
                add(match.start("first"), end, self.INTRODUCED_SCORE)
        for match in itertools.chain.from_iterable(p.finditer(text) for p in _SELF_NAMED):
            if match["value"] in self.first_names or match["value"] in introduction_names():
                add(*match.span("value"), self.INTRODUCED_SCORE)
        self._in_lower_case(text, add)
        for pattern, not_names, needs in _CUED:
            if needs not in text:
                continue
            for match in pattern.finditer(text):
                if not not_names.intersection(match["value"].split()):
                    add(*match.span("value"), self.INTRODUCED_SCORE)

    def _in_lower_case(self, text: str, add) -> None:
        """Names a chat writes in lower case, after the phrases that introduce them."""
        for match in _SELF_NAMED_LOWER.finditer(text):
            first = match["first"].title()
            if first in _NOT_NAMES or (first not in self.first_names
                                       and first not in introduction_names()):
                continue
            last = match["last"]
            # after `my dad` the next word is a surname only if the lists hold it (`my dad
            # ahmed passed away`); after `my name is`, unless a common word
            no_surname = (last is None or last in _words_after_no_name()
                          or (match["kin"] is not None and last.title() not in self.last_names))
            end = match.end("first" if no_surname else "last")
            add(match.start("first"), end, self.INTRODUCED_SCORE)
        for match in _TITLED_LOWER.finditer(text):
            if match["value"].title() in self.last_names:
                add(*match.span("value"), self.TITLED_SCORE)

    def _in_capitals(self, text: str, add) -> None:
        """Names in a text printed in capitals, where no rule for `Title Case` can see them."""
        for match in _CAPITALS_PAYEE.finditer(text):
            words = list(itertools.takewhile(lambda word: word.group() not in _MEMO_WORDS,
                                             _NON_SPACE.finditer(match["value"])))
            titled = [word.group().strip(".").title() for word in words]
            titled = [word for word in titled if len(word) > 1]  # initials are no words
            # not after BY (`BY CHEQUE B`), nor a title's initials (`FROM MR J P ...`); initials
            # before the surname too, with a point or two of them (`TO A. RAHMAN`, `TO J P
            # OKORO`: `TO A FRIEND` is none)
            leading = list(itertools.takewhile(lambda word: len(word.group().strip(".")) == 1,
                                               words))
            initialled = (match["initials"] is not None or len(leading) > 1
                          or (len(leading) == 1 and leading[0].group().endswith(".")))
            surname_and_initials = (initialled and match["by"] is None and len(titled) == 1
                                    and not is_name_prefix(titled[0]))
            if ((surname_and_initials or any(self._listed(word) for word in titled))
                    and not _NOT_IN_A_PAYEE.intersection(titled)):
                start = match.start("value")
                add(start, start + words[-1].end(), self.INTRODUCED_SCORE)
        for match in _FOR_SURNAME_INITIALS.finditer(text):  # a surname of the lists only:
            surname = match["surname"].title()               # `for VITAMIN D`, `for HEP B`
            if surname in self.last_names and surname not in _PLACES_BEFORE_A_LETTER:
                add(*match.span("value"), self.INTRODUCED_SCORE)
        for match in _INITIAL_SURNAME.finditer(text):
            surname = match["surname"]
            if surname not in _MEMO_WORDS and surname.title() not in _NOT_IN_A_PAYEE:
                add(*match.span("value"), self.INTRODUCED_SCORE)
        for match in _CAPITALS_TITLED.finditer(text):
            if match["value"].split()[-1].title() not in _NOT_IN_A_PAYEE:
                add(*match.span("value"), self.INTRODUCED_SCORE)
        for match in _CAPITALS_TITLED_FULL.finditer(text):
            first = match["first"].title()
            if ((first in self.first_names or first in introduction_names()
                 or match["last"].title() in self.last_names)
                    and match["last"].title() not in _NOT_IN_A_PAYEE):
                add(match.start("first"), match.end(), self.INTRODUCED_SCORE)
        for match in _CAPITALS_FULL_NAME.finditer(text):
            first, last = match["first"].title(), match["last"].title()
            if first in self.first_names and last in self.last_names:
                add(match.start(), match.end(), self.FULL_NAME_SCORE)
        for match in _CAPITALS_LAST_FIRST.finditer(text):  # `DENVER, CO`, `WASHINGTON, MAY` none
            first, last = match["first"].title(), match["last"].title()
            if first not in self.first_names or first in _NOT_NAMES or last in _NOT_NAMES:
                continue
            if last in self.last_names or match["field"] is not None:
                add(match.start(), match.end(), self.FULL_NAME_SCORE)

    def _listed(self, word: str) -> bool:
        return (word in self.first_names or word in self.last_names
                or word in introduction_names())

    def _lone_names(self, text: str, add) -> None:
        """A known first or last name alone, weak: context nearby decides."""
        things = [thing.span() for thing in _NAMED_THINGS.finditer(text)]
        for match in _WORD.finditer(text):
            word, at = match.group(), match.start()
            if word not in self.first_names and word not in self.last_names:
                continue
            if _sentence_start(text, at) or any(start <= at < end for start, end in things):
                continue
            add(at, match.end(), self.LONE_NAME_SCORE)

    def _listed_in_capitals(self, match: regex.Match[str]) -> bool:
        lasts = match["capital_last"].title().split()
        firsts = match["capital_first"].title().split()
        return (any(last in self.last_names for last in lasts)
                or any(first in self.first_names for first in firsts)
                or firsts[0] in introduction_names())

    def _sequence(self, match: re.Match[str], add) -> None:
        first, last, second = match["first"], match["last"], match["second_last"]
        if first not in self.first_names or last in _NOT_NAMES:
            return
        end = match.end("last")
        # a surname after the first's, or after a second given name (`Ana Sofía Ramírez`)
        if second and (second in self.last_names
                       or (last not in self.last_names and second not in _NOT_NAMES)):
            end = match.end("second_last")
        score = self.FULL_NAME_SCORE if last in self.last_names else self.FIRST_PLUS_CAPITAL_SCORE
        start = match.start("first")
        text, reach = match.string, max(0, start - _PARTNER_REACH)
        # the search only where `&` or `and` ends the text before (a search per name cost 5 µs),
        # in place: a slice's start would pass for a word's
        if (score == self.FULL_NAME_SCORE
                and text[reach:start].rstrip().endswith(("&", "and"))):
            partner = _PARTNER_BEFORE.search(text, reach, start)
            if (partner is not None and partner["partner"] in self.first_names
                    and partner["partner"] not in _NOT_NAMES):
                start = partner.start("partner")
        add(start, end, score)

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return recognizer_result(self, self.ENTITY, start, end, score)


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?:\n\"'(-"
