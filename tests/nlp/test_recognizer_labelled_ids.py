from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

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


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (DriverLicenseRecognizer, "checked against driver's license S92026988.", ["S92026988"]),
    (DriverLicenseRecognizer, "DL# D1234567", ["D1234567"]),
    # the issuing state's code first
    (DriverLicenseRecognizer, "co-signer, DL GA 058123456.", ["058123456"]),
    (DriverLicenseRecognizer, "driver's license (TX) 12345678", ["12345678"]),
    (DriverLicenseRecognizer, "DL AB123456 on file", ["AB123456"]),  # letters of the number
    (DriverLicenseRecognizer, "driver's license was expired", []),     # no number
    (VehiclePlateRecognizer, "car with plate 6SRY284 towed", ["6SRY284"]),
    (VehiclePlateRecognizer, "license plate: ABC-1234", ["ABC-1234"]),
    (VehiclePlateRecognizer, "a plate of pasta", []),
    (VehiclePlateRecognizer, "Company reg no. 08123456", []),          # a company's
    (VehiclePlateRecognizer, "it's registered to my old number 0161 496 0123", []),  # no label
    (VehiclePlateRecognizer, "VIN 1HGCM82633A004352, blue", ["1HGCM82633A004352"]),
    (VehiclePlateRecognizer, "chassis no. WVWZZZ1JZ3W386752", ["WVWZZZ1JZ3W386752"]),  # no check
    (VehiclePlateRecognizer, "car 1M8GDM9AXKP042788 towed", ["1M8GDM9AXKP042788"]),  # checked
    (VehiclePlateRecognizer, "ref 1M8GDM9A5KP042788 towed", []),       # check digit fails
    (VehiclePlateRecognizer, "vin 1HGCM82634A004352 rouge", []),       # `vin` is a word
    (LicenceNumberRecognizer, "Medical license # G12345 (CA)", ["G12345"]),
    (LicenceNumberRecognizer, "RN licence 0987654, license no. A-889123",
     ["0987654", "A-889123"]),
    (LicenceNumberRecognizer, "birth certificate number C-12345", ["C-12345"]),
    (LicenceNumberRecognizer, "driver's license number S92026988", []),  # the driver's one's
    (LicenceNumberRecognizer, "license plate 6SRY284; the license was renewed", []),
    (DeviceSerialRecognizer, "pacemaker, serial number CR4369320.", ["CR4369320"]),
    (DeviceSerialRecognizer, "S/N 00A3F9", ["00A3F9"]),
    (DeviceSerialRecognizer, "serial killer documentary", []),
    # two devices' serials: the second after `and`
    (DeviceSerialRecognizer, "hearing aids serial HA20931877 and HA20931878 fitted",
     ["HA20931877", "HA20931878"]),
    (DeviceSerialRecognizer, "serial HA20931877 and the other", ["HA20931877"]),
    # a SIM card's and its subscriber's numbers
    (DeviceSerialRecognizer, "SIM swap, ICCID 8944110068256270054; IMSI: 234150999999999",
     ["234150999999999", "8944110068256270054"]),
    (DeviceSerialRecognizer, "Device serial SN: C02XL0GTJGH5", ["C02XL0GTJGH5"]),
    (DeviceSerialRecognizer, "device iPhone 14 (UDID 00008030-001A2B3C4D5E802E)",
     ["00008030-001A2B3C4D5E802E"]),
    (DeviceSerialRecognizer, "IDFA: 6D92078A-8246-4BA4-AE5B-76104861E7DC",
     ["6D92078A-8246-4BA4-AE5B-76104861E7DC"]),
    (DeviceSerialRecognizer, "android id 9774d56d682e549c", ["9774d56d682e549c"]),
    (DeviceSerialRecognizer, "pump SN 4471-2290-AB", ["4471-2290-AB"]),
    (DeviceSerialRecognizer, "sn 4471-2290 in lower case", []),          # `SN` in capitals only
    (DeviceSerialRecognizer, "MAC address 00:1B:44:11:3A:B7 registered", ["00:1B:44:11:3A:B7"]),
    (DeviceSerialRecognizer, "wifi 0a-1b-2c-3d-4e-5f", ["0a-1b-2c-3d-4e-5f"]),
    (DeviceSerialRecognizer, "ref 12-34-56-78-90-12, at 10:30:45", []),  # digits and dashes only
    (PassportRecognizer, "my passport number is X12345678.", ["X12345678"]),
    (PassportRecognizer, "Passport #: 533380006", ["533380006"]),
    (PassportRecognizer, "travel document no. C01X00T47", ["C01X00T47"]),
    (PassportRecognizer, "the passport office closes at 5", []),
    (PassportRecognizer, "passport expires 2031-05-01", []),            # a date, not its number
    (NationalIdRecognizer, "national ID 07898318A", ["07898318A"]),
    (NationalIdRecognizer, "my BSN is 123456782", ["123456782"]),
    (NationalIdRecognizer, "ID card number: AB1234567", ["AB1234567"]),
    (NationalIdRecognizer, "national insurance number AB 12 34 56 C, thanks", ["AB 12 34 56 C"]),
    (NationalIdRecognizer, "codice fiscale RSSMRA85T10A562S", ["RSSMRA85T10A562S"]),
    (NationalIdRecognizer, "tax ID 12-3456789", ["12-3456789"]),
    (NationalIdRecognizer, "SIN 046 454 286", ["046 454 286"]),
    (NationalIdRecognizer, "EIN: 12-3456789 on the W-9", ["12-3456789"]),
    (NationalIdRecognizer, "ITIN 912-70-1234", ["912-70-1234"]),
    (NationalIdRecognizer, "BVN 22156789012", ["22156789012"]),
    (NationalIdRecognizer, "Aadhaar 2345 6789 0123", ["2345 6789 0123"]),
    (NationalIdRecognizer, "CPF 123.456.789-09, thanks", ["123.456.789-09"]),
    (NationalIdRecognizer, "Tax residency: Germany, Steuer-ID 12 345 678 901.",
     ["12 345 678 901"]),
    (NationalIdRecognizer, "Steueridentifikationsnummer: 12345678901", ["12345678901"]),
    (NationalIdRecognizer, "Pt is a veteran, VA ID V123456789, served", ["V123456789"]),
    (NationalIdRecognizer, "EDIPI 1234567890; VA claim number 123456789",
     ["123456789", "1234567890"]),
    (NationalIdRecognizer, "the va id card was renewed in 2019", []),
    (NationalIdRecognizer, "the cpf was fine", []),                     # in capitals only
    (NationalIdRecognizer, "sin 30 degrees", []),                       # a word, in lower case
    (NationalIdRecognizer, "identity card was lost on 2024-01-02", []),
    (EmployeeIdRecognizer, "Employer: Northwind Traders, Employee ID: 48213.", ["48213"]),
    (EmployeeIdRecognizer, "Her employee number is E-004821 and", ["E-004821"]),
    (EmployeeIdRecognizer, "Staff ID 77412 badge issued", ["77412"]),
    (EmployeeIdRecognizer, "badge #A1182 used at door 4 at 02:13", ["A1182"]),
    (EmployeeIdRecognizer, "Payroll number: PR883412", ["PR883412"]),
    (EmployeeIdRecognizer, "Personnel no. 4471-22 on file", ["4471-22"]),
    (EmployeeIdRecognizer, "Personalnummer 00412873", ["00412873"]),
    (EmployeeIdRecognizer, "my employee id is 558812", ["558812"]),
    (EmployeeIdRecognizer, "employee of the month in 2023", []),
    (EmployeeIdRecognizer, "staff were helpful; 12 staff numbers 20231", []),  # no label
    (EmployeeIdRecognizer, "badge reader at door 4", []),               # no digit
    (EmployeeIdRecognizer, "employee Baptiste (emp # 008812) off sick", ["008812"]),
    (EmployeeIdRecognizer, "emp. no. 4471-22; empID A99812", ["4471-22", "A99812"]),
    (EmployeeIdRecognizer, "temp #38.5, attempt no. 77812", []),        # words that end so
    (CaseReferenceRecognizer, "Case #04412873 opened", ["04412873"]),
    (CaseReferenceRecognizer, "Ticket 55120984 escalated to tier 2", ["55120984"]),
    (CaseReferenceRecognizer, "Reference number: REF-88213-A", ["REF-88213-A"]),
    (CaseReferenceRecognizer, "your case number is 0412-88731", ["0412-88731"]),
    (CaseReferenceRecognizer, "Order no. 112-4471123-8812 shipped", ["112-4471123-8812"]),
    (CaseReferenceRecognizer, "Incident report IR-2024-00871 filed", ["IR-2024-00871"]),
    (CaseReferenceRecognizer, "ticket prices rose in 2019", []),
    (CaseReferenceRecognizer, "we reference the 2019 guideline", []),
    (CaseReferenceRecognizer, "in case 2 tabs are not enough", []),
    (CaseReferenceRecognizer, "order 2 units of blood", []),             # an order, no number
    (CaseReferenceRecognizer, "Loan app #LN-2024-0093321: applicant", ["LN-2024-0093321"]),
    (CaseReferenceRecognizer, "Rx #6650123 for atorvastatin", ["6650123"]),
    (CaseReferenceRecognizer, "EMS run # 24-55871, ED arrival", ["24-55871"]),
    (CaseReferenceRecognizer, "EMS run 24-118823: responded to", ["24-118823"]),
    (CaseReferenceRecognizer, "the EMS run 3 times; I run 10000 steps", []),
    # an escrow's and a rental agreement's numbers; a blood unit's donation number
    (CaseReferenceRecognizer, "escrow # ESC-4471209, title officer", ["ESC-4471209"]),
    (CaseReferenceRecognizer, "Rental agreement RA-88120934: renter", ["RA-88120934"]),
    (CaseReferenceRecognizer, "the agreement 2024; escrow account; rental agreement 12 months",
     []),
    (CaseReferenceRecognizer, "unit W0412 24 118823 crossmatched; DIN: W041224118823",
     ["W0412 24 118823", "W041224118823"]),
    (CaseReferenceRecognizer, "unit 4 of 5; unit A1234 24 12345", []),
    # straight after the word, five digits in a row
    (CaseReferenceRecognizer, "escalated to compliance (case 55-90312).", ["55-90312"]),
    (CaseReferenceRecognizer, "chargeback on order 112-4456781-3320971", ["112-4456781-3320971"]),
    (CaseReferenceRecognizer, "Payment to HMRC ref 123LA4567890123", ["123LA4567890123"]),
    (CaseReferenceRecognizer, "Reference 00419. Ticket", ["00419"]),
    (CaseReferenceRecognizer, "refund for txn 88412093; Transaction ID: TX-99812345",
     ["88412093", "TX-99812345"]),
    (CaseReferenceRecognizer, "3 transactions 12345 total", []),
    (CaseReferenceRecognizer, "Cheque no. 004417 returned; check # 55812 cleared",
     ["004417", "55812"]),
    (CaseReferenceRecognizer, "Mortgage application MA-77120934 for", ["MA-77120934"]),
    (CaseReferenceRecognizer, "check no. 2 of the list", []),
    (CaseReferenceRecognizer, "Chargeback #CB-20931845 raised; dispute ref: DSP-448812",
     ["CB-20931845", "DSP-448812"]),
    (CaseReferenceRecognizer, "order 500mg daily; in case 1234 fails; ref 2019-11", []),
    # a frequent flyer's or a loyalty scheme's number
    (CaseReferenceRecognizer, "seat 23C, frequent flyer no. BA48812093.", ["BA48812093"]),
    (CaseReferenceRecognizer, "Rewards # RW-448812; frequent flyer status gold", ["RW-448812"]),
    # the UK's National Insurance number after `NI no.`, whatever its prefix
    (NationalIdRecognizer, "member Hilary Oduya, NI no. QQ 12 34 56 C, scheme", ["QQ 12 34 56 C"]),
    (NationalIdRecognizer, "NI number: AB123456C", ["AB123456C"]),
    (NationalIdRecognizer, "DOB 1941-09-30, IHI 8003 6012 3456 7890, lives",
     ["8003 6012 3456 7890"]),
    (NationalIdRecognizer, "IHI pending; ihi 2", []),
    # tax and immigration files' numbers, by their acronyms in capitals
    (NationalIdRecognizer, "UTR 12345 67890, taxpayer; TFN 123 456 782 for", ["123 456 782",
                                                                             "12345 67890"]),
    (NationalIdRecognizer, "UCI 1122-3344, BRP ZU1234567, hearing", ["1122-3344", "ZU1234567"]),
    (NationalIdRecognizer, "the utr of; tfn pending; BRP card lost; UCI form", []),
    (CaseReferenceRecognizer, "CCTV re: victim, crime ref 42/98765/24.", ["42/98765/24"]),
    (CaseReferenceRecognizer, "Student record: UPN A123456789012, year 9", ["A123456789012"]),
    (CaseReferenceRecognizer, "crime ref pending; crime 1/2/3; UPN missing; upn a123456789012",
     []),
    (EmployeeIdRecognizer, "staff member J. Okoye (badge 4471) found", ["4471"]),
    (EmployeeIdRecognizer, "badge 12 of 30; the badge was lost", []),
    (NationalIdRecognizer, "born in NI 2019; NI 12 wards", []),
    # an Indian PAN in its shape, after `PAN` in capitals; a card's PAN is no PAN card's
    (NationalIdRecognizer, "Exchange KYC: PAN ABCPE1234F, Aadhaar", ["ABCPE1234F"]),
    (NationalIdRecognizer, "PAN card no: AAACR5055K", ["AAACR5055K"]),
    (NationalIdRecognizer, "PAN 4111111111111111; PAN ABCDE1234F; pan ABCPE1234F", []),
    # a UK regulator's register number, in the shape of that register's numbers
    (LicenceNumberRecognizer, "Dr. Ayesha Siddiqui (GMC 7012345) re:", ["7012345"]),
    (LicenceNumberRecognizer, "NMC PIN 12A3456E; GPhC reg. no. 2054321; HCPC PH12345",
     ["12A3456E", "2054321", "PH12345"]),
    (LicenceNumberRecognizer, "GMC 3500HD truck; GMC Sierra 2500; GMC 123456789", []),
    # a phone's IMEI is a device's number, whatever Luhn says
    (DeviceSerialRecognizer, "device IMEI 356938035643809.", ["356938035643809"]),
    (CaseReferenceRecognizer, "Student Yaw Mensah, student no. S2231098, referred", ["S2231098"]),
    (CaseReferenceRecognizer, "student 12 of 30; pupil numbers fell", []),
    (CaseReferenceRecognizer, "reçu le 12/03/2024, réf. VIR-4471209; Réf: AB-12345; ref. 2",
     ["AB-12345", "VIR-4471209"]),
    (NationalIdRecognizer, "CURP on file; RFC GODE561231AB1; see RFC 7231", ["GODE561231AB1"]),
    (CaseReferenceRecognizer, "Rx 884120, oxycodone 5mg; Rx 50000 IU weekly", ["884120"]),
    (CaseReferenceRecognizer, "Rx RX4481920 refilled; Rx RX44 twice", ["RX4481920"]),
    # a US federal court's docket number needs no label; a time or a ratio is none
    (CaseReferenceRecognizer, "Hollis v. Greenway, 2:23-cv-01184; 1:19-cr-00542-JMF.",
     ["1:19-cr-00542-JMF", "2:23-cv-01184"]),
    (CaseReferenceRecognizer, "at 2:23 -cv- 01184; ratio 1:10-cv-3", []),
    (EmployeeIdRecognizer, "HR: Aisha Rahman (emp 004417) on leave", ["004417"]),
    (EmployeeIdRecognizer, "emp 2 days; temp 38812; employee 12 of 40", []),
    (EmployeeIdRecognizer, "query from Sven Lindqvist (staff SL-20931): tax", ["SL-20931"]),
    (EmployeeIdRecognizer, "staff 2024-25 rota; staff 12", []),
    # letters, then groups of seven digits at least
    (CaseReferenceRecognizer, "Probation: case PB-2023-4471, tagged", ["PB-2023-4471"]),
    (CaseReferenceRecognizer, "case ICD-10-CM; case AB-12-34; case 2019-11", []),
    (DeviceSerialRecognizer, "laptop asset tag CT-LT-04471, asset no. 88120", ["88120",
                                                                            "CT-LT-04471"]),
    (DeviceSerialRecognizer, "asset tag missing; assets 2024", []),
])
# fmt: on
def test_labelled_identifier_recognizers(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    # Scotland's Community Health Index number, in capitals
    (NationalIdRecognizer, "from Gordon McLeod (CHI 0101451234) - adenocarcinoma", ["0101451234"]),
    (NationalIdRecognizer, "chi 2 = 3.84, p = 0.05", []),
    # an Irish registration: year, county, number
    (VehiclePlateRecognizer, "insured Patrick Doyle, vehicle reg 191-D-12345, collision",
     ["191-D-12345"]),
    (VehiclePlateRecognizer, "reg 07-KY-4471 towed", ["07-KY-4471"]),
])
# fmt: on
def test_chi_numbers_and_irish_plates(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (DeviceSerialRecognizer, 'dog "Biscuit", microchip 985112004471209, rabies', ["985112004471209"]),
    (CaseReferenceRecognizer, "Western Union MTCN 4471209833, receiver", ["4471209833"]),
    (CaseReferenceRecognizer, "mtcn unknown; MTCN pending", []),
    (NationalIdRecognizer, "applicant Kofi Mensah, Ghana Card GHA-712345678-9, employer",
     ["GHA-712345678-9"]),
])
# fmt: on
def test_microchips_money_transfer_numbers_and_ghana_cards(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("recognizer, text, expected", [
    (CaseReferenceRecognizer, "Booking: PNR X7K9QL for MS AISHA BELLO", ["X7K9QL"]),
    (CaseReferenceRecognizer, "SWIFT code PNRJGB28GFV; BIC: PNRJGB09", []),   # inside a word
    (CaseReferenceRecognizer, "frequent flyer BA48812093, seat 32A", ["BA48812093"]),
    (CaseReferenceRecognizer, "Oyster card 0412 4471 2093 registered", ["0412 4471 2093"]),
    (DeviceSerialRecognizer, "supply address on file, MPAN 1200051234567", ["1200051234567"]),
    (DeviceSerialRecognizer, "MPANS 12; MPAN-less", []),
])
# fmt: on
def test_bookings_travel_cards_and_meters(recognizer, text, expected):
    assert matched_texts(recognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # the Nordic countries' personal numbers by their own words
    ("Kund: Karin Lindqvist, personnr 19811218-9876, bor i Uppsala", ["19811218-9876"]),
    ("Patient: Mette Sørensen, CPR-nr. 010180-1234, indlagt", ["010180-1234"]),
    ("Asiakas Juha Virtanen, henkilötunnus 131052-308T, Tampere", ["131052-308T"]),
    # Hong Kong's, with its check digit in brackets; South Korea's, the UAE's, Turkey's and
    # China's
    ("HK account opening: Chan Tai Man, HKID A123456(3), Flat 12B", ["A123456(3)"]),
    ("Korean customer, RRN 850101-1234567, paid", ["850101-1234567"]),
    ("Emirates ID 784-1985-1234567-1 for Fatima", ["784-1985-1234567-1"]),
    ("Müşteri Ayşe Yılmaz, TC Kimlik No 10000000146, Kadıköy", ["10000000146"]),
    ("resident ID 11010519491231002X, mobile", ["11010519491231002X"]),
    ("the hkid form; my number is on the card; resident id pending", []),
    ("my number is 07700 900123; call my number 555 0143 2211", []),  # a phone's
    ("BVNMRN3rd and", []),                      # an acronym inside a word is no label
])
# fmt: on
def test_national_ids_of_more_countries_by_their_labels(text, expected):
    assert matched_texts(NationalIdRecognizer(), text) == expected
