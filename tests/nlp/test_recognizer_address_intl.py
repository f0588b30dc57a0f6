from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.address_intl import (
    EuropeanStreetRecognizer,
    PostcodeCityRecognizer,
    PostcodeRecognizer,
)


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("address is Ninthestraat 273, 3107 HL De Klomp.", ["Ninthestraat 273"]),
    ("at Klothilde-Kruschwitz-Straße 7-1, 94506 Jülich", ["Klothilde-Kruschwitz-Straße 7-1"]),
    ("Via de Federico Esparza 279, 43700 Cádiz", ["Via de Federico Esparza 279"]),
    ("790, boulevard de Dumont, 54157 Merle", ["790, boulevard de Dumont"]),
    ("C. Flavia Escobar 65, 02518 Granada", ["C. Flavia Escobar 65"]),   # Spanish "Calle"
    ("Pasaje Lupita Pino 92 Puerta 3 , 41582 Lugo", ["Pasaje Lupita Pino 92 Puerta 3"]),
    ("Flat 42G, Wells Canyon, W1 5JZ East Carolyn", ["Flat 42G, Wells Canyon"]),
    ("Flat 12, 45 Kingsland Road, London E2 8AA", ["Flat 12, 45 Kingsland Road"]),
    ("Vial de Moreno Aznar 29 Puerta 6 , 26393 Madrid", ["Vial de Moreno Aznar 29 Puerta 6"]),
    ("Acceso de Íngrid Bertrán 80, 14162 Alicante", ["Acceso de Íngrid Bertrán 80"]),
    ("Studio 67l, Sutton Stravenue, NG59 3AH Clairestad", ["Studio 67l, Sutton Stravenue"]),
    # a French street without its number, before the postal code and town
    ("My address is avenue Zacharie De Oliveira, 14359 Poirier.", ["avenue Zacharie De Oliveira"]),
    ("boulevard David, 50881 Chartier-les-Bains", ["boulevard David"]),
    ("the avenue Victor Hugo is closed", []),          # no postal code after it
    ("the C. section was done", []),
    ("the Ring road is closed", []),                     # street word without a number
    ("Chapter 3 of the Platz guide", []),
    ("Avenida Castilla, 28010 Madrid", []),              # a postal code is no house number
    # in lower case, as Italian and Spanish write it, the number ending the clause
    ("Cliente residente a Milano, via Roma 12.", ["via Roma 12"]),
    ("domicilio: via Giuseppe Verdi 7/B, 20121 Milano", ["via Giuseppe Verdi 7/B"]),
    ("vive en calle Mayor 5, Madrid", ["calle Mayor 5"]),
    ("sent via DHL 2 days ago", []),
    ("admitted via ED 3.", []),
    # Polish, the street's kind often in lower case
    ("new address ul. Długa 15/3, 31-147 Kraków", ["ul. Długa 15/3"]),
    ("Al. Jerozolimskie 44, 00-024 Warszawa", ["Al. Jerozolimskie 44"]),
    ("per Jones et al. Lancet 2019; VA os. Pressure 18", []),  # a citation, the left eye
    ("both at Leninsky Prospekt 45, Moscow", ["Leninsky Prospekt 45"]),
    ("CEP 01310-100, Av. Paulista 1578, São Paulo", ["Av. Paulista 1578"]),  # Portuguese
    ("owner: 0722 123456, Plot 12, Ngong Road, Nairobi", ["Plot 12, Ngong Road"]),
    # a street of one word that says it is one; a room's only with a house number
    ("proof, Room 1203, 88 Queensway, Admiralty", ["Room 1203, 88 Queensway"]),
    ("Flat 2, 12 Broadway, London", ["Flat 2, 12 Broadway"]),
    ("Room 12, Cardiac Unit; Rm 5, 3 West; Flat 3, Queensway", []),
    # Welsh: the number, the kind of street, then its name, `y` or `yr` between
    ("claimant, 2 Heol y Coed, Pontypridd CF37", ["2 Heol y Coed"]),
    ("lives at 14 Ffordd yr Orsaf; Maes 2 ball", ["14 Ffordd yr Orsaf"]),
    # Quebec's abbreviated kinds of street
    ("carte GAGE 8551 0412, 455 boul. des Laurentides, Laval QC", ["455 boul. des Laurentides"]),
    ("CEP 01310-100, Av. Paulista 1578; boul. 5", ["Av. Paulista 1578"]),
])
# fmt: on
def test_european_street_recognizer(text, expected):
    assert matched_texts(EuropeanStreetRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (PostcodeRecognizer, "Sofiedreef 6, 7722 Tervuren.", ["7722"]),
    (PostcodeRecognizer, "3 Leah Gateway, IG9 5XS Richardsfurt", ["IG9 5XS"]),
    (PostcodeCityRecognizer, "Bonbachplatz 5, 34524 Illertissen.", ["Illertissen"]),
    (PostcodeCityRecognizer, "Ninthestraat 273, 3107 HL De Klomp. You", ["De Klomp"]),
    (PostcodeCityRecognizer, "We paid 2500 Euros", []),  # no address comma before the number
    (PostcodeCityRecognizer, "GP Dr. Brennan, Leeds LS1 4AP.", ["Leeds"]),  # as the UK writes
    (PostcodeCityRecognizer, "ref LS1 4AP", []),
    # Irish Eircodes, and the town written before one
    (PostcodeRecognizer, "I moved to 55 Kings Road, Cork T12 X8Y2 last month", ["T12 X8Y2"]),
    (PostcodeRecognizer, "Eircode D6W FX62; D02AF30", ["D02AF30", "D6W FX62"]),
    (PostcodeRecognizer, "ref A12 3456, B12 X8Y2, T12 34567", []),  # a letter, a key, four
    (PostcodeCityRecognizer, "55 Kings Road, Cork T12 X8Y2 last month", ["Cork"]),
    (PostcodeRecognizer, "ul. Długa 15/3, 31-147 Kraków", ["31-147"]),
    # Canadian postal codes
    (PostcodeRecognizer, "77 Rue Saint-Denis, Montréal QC H2X 3K8; f/u", ["H2X 3K8"]),
    (PostcodeRecognizer, "Ottawa ON K1A0B1", ["K1A0B1"]),
    (PostcodeRecognizer, "lot D1B 2C3, ref H2X 3K", []),     # no D first; a digit short
    # a chat's lower case, after the town's comma
    (PostcodeRecognizer, "flat 2b 18 victoria rd, brighton bn2 1ud", ["bn2 1ud"]),
    (PostcodeCityRecognizer, "flat 2b 18 victoria rd, brighton bn2 1ud", ["brighton"]),
    (PostcodeRecognizer, "see you at 5, room b2 3pm; ok bn2 1ud", []),  # `pm`; no town before
    (PostcodeCityRecognizer, "ul. Długa 15/3, 31-147 Kraków", ["Kraków"]),
    # no postal code: the town right after the street and its number
    (PostcodeCityRecognizer, "CEP 01310-100, Av. Paulista 1578, São Paulo; CPF", ["São Paulo"]),
    (PostcodeCityRecognizer, "the ATM at Av. Corrientes 1234, Buenos Aires kept his card",
     ["Buenos Aires"]),
    (PostcodeCityRecognizer, "Calle Mayor 5, please call Maria first", []),  # no town: a clause
    (PostcodeCityRecognizer, "Kirchweg 4, 8001 Zurich", ["Zurich"]),         # after the code
    # the town and postcode after an Australian state, the town before a Canadian province
    (PostcodeRecognizer, "22 Banksia Street, Parramatta NSW 2150; Medicare", ["2150"]),
    (PostcodeCityRecognizer, "22 Banksia Street, Parramatta NSW 2150; Medicare", ["Parramatta"]),
    (PostcodeCityRecognizer, "Darwin NT 0800, Hobart Tas 7000, North Ryde, NSW 2113",
     ["Darwin", "Hobart", "North Ryde"]),
    (PostcodeRecognizer, "Report SA 2019; Policy Act 2019; Perth WA 3000", []),  # no state's
    (PostcodeCityRecognizer, "400 Lakeshore Blvd W, Toronto ON M5V 1A1, contact", ["Toronto"]),
    (PostcodeCityRecognizer, "77 Rue Saint-Denis, Montréal QC H2X 3K8; f/u", ["Montréal"]),
    (PostcodeCityRecognizer, "Vancouver, BC V6B 4Y8; Turn ON now", ["Vancouver"]),
    # three digits and two: Greece after the town, Sweden and Czechia before it
    (PostcodeRecognizer, "Mrs. Eleni Papadopoulos, 6 Kifisias Ave, Athens 115 26.", ["115 26"]),
    (PostcodeCityRecognizer, "6 Kifisias Ave, Athens 115 26.", ["Athens"]),
    (PostcodeCityRecognizer, "Drottninggatan 5, 114 55 Stockholm", ["Stockholm"]),
    (PostcodeRecognizer, "Na Příkopě 12, 110 00 Praha", ["110 00"]),
    (PostcodeCityRecognizer, "BP 142/88, HR 76, 120 80; tabs, Rx 500 25 Refills", []),
    # Dublin's postal districts
    (PostcodeCityRecognizer, "Apt 5, 17 Rosemount Ave, Dublin 6.", ["Dublin 6"]),
    (PostcodeCityRecognizer, "flights, Dublin 2024 trip; moved to Dublin 8", []),
    (PostcodeCityRecognizer, "last known address Ballymun, Dublin D11.",
     ["Ballymun", "Dublin D11"]),
    (PostcodeCityRecognizer, "14 Main St, Rathmines, Dublin D6W; Tallaght, Dublin 24",
     ["Dublin 24", "Dublin D6W", "Rathmines", "Tallaght"]),
    # a chat's lower case with no comma: after a street's kind, a town, then the postcode
    (PostcodeRecognizer, "to flat 2 14 hollybush lane sheffield s10 2dn cheers", ["s10 2dn"]),
    (PostcodeCityRecognizer, "to flat 2 14 hollybush lane sheffield s10 2dn cheers",
     ["sheffield"]),
    (PostcodeRecognizer, "room b2 3rd floor; the lane to b2 3rd; way off b2 3rd", []),
    (PostcodeCityRecognizer, "room b2 3rd floor; the lane to b2 3rd; way off b2 3rd", []),
    # Singapore's six digits after its name
    (PostcodeRecognizer, "8 Marina View, Singapore 018960.", ["018960"]),
    (PostcodeRecognizer, "Singapore 2024 trip; Singapore 1234567", []),
    # letters Royal Mail never issues where they stand: an airline's booking reference
    (PostcodeRecognizer, "PNR X7K9QL; QA1 2BC; SJ1 2AB; SW1A 2AC", []),
    (PostcodeRecognizer, "Solihull B91 3QD, Glasgow G1 1LH", ["B91 3QD", "G1 1LH"]),
])
# fmt: on
def test_postcode_and_town_recognizers(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


def test_the_town_before_a_uk_postcode_outranks_the_model(found):
    """The model calls `Basingstoke` a person: the address line says it is a town."""
    text = "proof of address: 27 Larch Close, Basingstoke RG22 4HW, dated 12 Feb 2025"
    assert ("LOCATION", "Basingstoke") in found(text)
    assert ("PERSON", "Basingstoke") not in found(text)
