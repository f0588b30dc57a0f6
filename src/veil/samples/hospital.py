"""Synthetic hospital extract: `patients` and `encounters` with clinical notes.

Patients live in a small catchment (a few ZIP-3 areas, as a real hospital's
do) with a tail from rural areas, so k-anonymity on age band, sex and ZIP-3
is reachable with some suppression. Notes are built from templates; every
identifier they mention is recorded with its character span.
"""

from __future__ import annotations

from datetime import date, timedelta

from veil.samples._common import Sources, Table, phone, text_date
from veil.samples.checksums import npi
from veil.samples.truth import TextBuilder

__all__ = ["generate_hospital"]

# ZIP-3 -> (state, towns, weight). 036 and 059 are HIPAA restricted prefixes (<= 20,000 people).
_CATCHMENT = {
    "021": ("MA", ("Boston", "Brookline", "Cambridge"), 40),
    "024": ("MA", ("Newton", "Lexington", "Waltham"), 25),
    "017": ("MA", ("Framingham", "Natick"), 15),
    "018": ("MA", ("Woburn", "Lowell", "Burlington"), 12),
    "036": ("NH", ("Claremont", "Charlestown"), 4),
    "059": ("VT", ("Bennington",), 4),
}
_DEPARTMENTS = {
    "Cardiology": (
        ("I10", "Essential hypertension"),
        ("I21.4", "NSTEMI"),
        ("I48.91", "Atrial fibrillation"),
        ("I50.9", "Heart failure"),
    ),
    "Endocrinology": (
        ("E11.9", "Type 2 diabetes"),
        ("E03.9", "Hypothyroidism"),
        ("E66.9", "Obesity"),
    ),
    "Pulmonology": (
        ("J44.1", "COPD with exacerbation"),
        ("J18.9", "Pneumonia"),
        ("J45.909", "Asthma"),
    ),
    "Orthopedics": (
        ("S72.001A", "Fracture of femoral neck"),
        ("M17.11", "Osteoarthritis of knee"),
        ("S82.201A", "Fracture of tibia"),
    ),
    "Psychiatry": (
        ("F32.9", "Major depressive disorder"),
        ("F41.1", "Generalized anxiety"),
        ("F10.20", "Alcohol dependence"),
    ),
    "Oncology": (
        ("C50.911", "Breast cancer"),
        ("C34.90", "Lung cancer"),
        ("C61", "Prostate cancer"),
    ),
}
_INSURERS = (
    ("Blue Cross Blue Shield", "XBM"),
    ("Aetna", "W"),
    ("UnitedHealthcare", "U"),
    ("Harvard Pilgrim", "HP"),
    ("Medicare", "1EG4"),
    ("Tufts Health Plan", "T"),
)
_RELATIONS = ("wife", "husband", "daughter", "son", "sister", "brother", "mother", "neighbor")
_DEVICES = ("pacemaker", "insulin pump", "CPAP machine", "cochlear implant", "glucose monitor")
_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "comcast.net", "icloud.com")


def generate_hospital(rows: int, seed: int) -> list[Table]:
    """`rows` encounters over about rows/2 patients."""
    src = Sources(seed)
    physicians = [_physician(src) for _ in range(max(4, min(60, rows // 10)))]
    patients = Table("patients")
    people = [_patient(src, patients) for _ in range(max(1, rows // 2))]
    encounters = Table("encounters")
    for _ in range(rows):
        _encounter(src, encounters, src.rng.choice(people), src.rng.choice(physicians))
    return [patients, encounters]


def _physician(src: Sources) -> dict:
    department = src.rng.choice(sorted(_DEPARTMENTS))
    return {
        "first": src.fake.first_name(),
        "last": src.fake.last_name(),
        "npi": npi(src.rng),
        "department": department,
        "phone": phone(src, "617"),
    }


def _patient(src: Sources, table: Table) -> dict:
    rng, fake = src.rng, src.fake
    sex = rng.choice("FM")
    first = fake.first_name_female() if sex == "F" else fake.first_name_male()
    last = fake.last_name()
    age = min(int(rng.triangular(0, 101, 62)), 101)
    birth = date(2024, 6, 30) - timedelta(days=age * 365 + rng.randrange(365))
    prefix = rng.choices(
        sorted(_CATCHMENT), weights=[_CATCHMENT[p][2] for p in sorted(_CATCHMENT)]
    )[0]
    state, towns, _ = _CATCHMENT[prefix]
    insurer, id_prefix = rng.choice(_INSURERS)
    person = {
        "mrn": src.unique_id("mrn", lambda: f"{rng.randrange(100_000, 9_999_999):08d}"),
        "first_name": first,
        "last_name": last,
        "birth_date": birth.isoformat(),
        "sex": sex,
        "street_address": fake.street_address(),
        "city": rng.choice(towns),
        "state": state,
        "zip": prefix + src.digits(2),
        "phone": phone(src),
        "email": f"{first.lower()}.{last.lower()}{rng.randrange(100)}@{rng.choice(_DOMAINS)}",
        "ssn": fake.ssn(),
        "insurer": insurer,
        "member_id": id_prefix + src.digits(9),
    }
    row = table.add_row(person)
    table.plant_cells(
        row,
        {
            "mrn": (person["mrn"], "MEDICAL_RECORD_NUMBER", 8),
            "first_name": (first, "PERSON", 1),
            "last_name": (last, "PERSON", 1),
            "birth_date": (person["birth_date"], "DATE_TIME", 3),
            "street_address": (person["street_address"], "STREET_ADDRESS", 2),
            "city": (person["city"], "LOCATION", 2),
            "zip": (person["zip"], "ZIP_CODE", 2),
            "phone": (person["phone"], "PHONE_NUMBER", 4),
            "email": (person["email"], "EMAIL_ADDRESS", 6),
            "ssn": (person["ssn"], "US_SSN", 7),
            "member_id": (person["member_id"], "HEALTH_PLAN_ID", 9),
        },
    )
    return {**person, "age": age, "relative": _relative(src)}


def _relative(src: Sources) -> tuple[str, str]:
    return src.rng.choice(_RELATIONS), f"{src.fake.first_name()} {src.fake.last_name()}"


def _encounter(src: Sources, table: Table, patient: dict, doctor: dict) -> None:
    rng = src.rng
    visit = src.day_between(date(2019, 1, 1), date(2024, 6, 30))
    discharge = visit + timedelta(days=rng.choice((0, 0, 1, 2, 3, 4, 6, 9, 14)))
    department = doctor["department"]
    code, diagnosis = rng.choice(_DEPARTMENTS[department])
    row = len(table.columns.get("encounter_id", []))
    encounter_id = f"E{rng.randrange(10**8, 10**9)}"
    notes, notes_truth = _notes(src, patient, doctor, visit, diagnosis).build(
        "encounters", row, "clinical_notes"
    )
    summary, summary_truth = _summary(src, patient, doctor, visit, discharge, diagnosis).build(
        "encounters", row, "discharge_summary"
    )
    table.add_row(
        {
            "encounter_id": encounter_id,
            "mrn": patient["mrn"],
            "visit_date": visit.isoformat(),
            "discharge_date": discharge.isoformat(),
            "department": department,
            "diagnosis_code": code,
            "diagnosis": diagnosis,
            "attending_physician": f"{doctor['first']} {doctor['last']}",
            "attending_npi": doctor["npi"],
            "clinical_notes": notes,
            "discharge_summary": summary,
        }
    )
    table.plant_cells(
        row,
        {
            "encounter_id": (encounter_id, "ENCOUNTER_ID", 18),
            "mrn": (patient["mrn"], "MEDICAL_RECORD_NUMBER", 8),
            "visit_date": (visit.isoformat(), "DATE_TIME", 3),
            "discharge_date": (discharge.isoformat(), "DATE_TIME", 3),
            # Provider identifiers are not Safe Harbor categories (they identify staff, not the patient).
            "attending_physician": (f"{doctor['first']} {doctor['last']}", "PERSON", None),
            "attending_npi": (doctor["npi"], "US_NPI", None),
        },
    )
    table.planted.extend(notes_truth + summary_truth)


def _name(src: Sources, text: TextBuilder, patient: dict) -> None:
    style = src.rng.randrange(3)
    if style == 0:
        text.plant(f"{patient['first_name']} {patient['last_name']}", "PERSON", 1)
    elif style == 1:
        text.text("Mr. " if patient["sex"] == "M" else "Ms. ").plant(
            patient["last_name"], "PERSON", 1
        )
    else:
        text.plant(patient["first_name"], "PERSON", 1).text(" ").plant(
            patient["last_name"], "PERSON", 1
        )


def _age(text: TextBuilder, patient: dict) -> None:
    if patient["age"] > 89:  # HIPAA: ages over 89 are identifiers; younger ones are not
        text.plant(str(patient["age"]), "AGE", 3)
    else:
        text.text(str(patient["age"]))


def _notes(src: Sources, patient: dict, doctor: dict, visit: date, diagnosis: str) -> TextBuilder:
    rng, text = src.rng, TextBuilder()
    _name(src, text, patient)
    text.text(", a ")
    _age(text, patient)
    text.text(f"-year-old {'woman' if patient['sex'] == 'F' else 'man'} (MRN ")
    text.plant(patient["mrn"], "MEDICAL_RECORD_NUMBER", 8).text("), was seen on ")
    text.plant(text_date(src, visit), "DATE_TIME", 3).text(f" for {diagnosis.lower()}. ")
    relation, relative = patient["relative"]
    text.text(
        f"Accompanied by her {relation} "
        if patient["sex"] == "F"
        else f"Accompanied by his {relation} "
    )
    text.plant(relative, "PERSON", 1).text(", who can be reached at ")
    text.plant(phone(src), "PHONE_NUMBER", 4).text(". ")
    text.text("Lives at ").plant(patient["street_address"], "STREET_ADDRESS", 2).text(" in ")
    text.plant(patient["city"], "LOCATION", 2).text(". ")
    extras = [
        _extra_email,
        _extra_ssn,
        _extra_fax,
        _extra_plan,
        _extra_license,
        _extra_vehicle,
        _extra_device,
        _extra_url,
        _extra_ip,
        _extra_account,
    ]
    for extra in rng.sample(extras, k=rng.choice((1, 2, 2, 3))):
        extra(src, text, patient)
    text.text("Seen by Dr. ").plant(doctor["last"], "PERSON", None).text(
        ". Plan discussed with patient."
    )
    return text


def _summary(
    src: Sources, patient: dict, doctor: dict, visit: date, discharge: date, diagnosis: str
) -> TextBuilder:
    text = TextBuilder().text("DISCHARGE SUMMARY. Patient: ")
    text.plant(f"{patient['last_name']}, {patient['first_name']}", "PERSON", 1).text(". Admitted ")
    text.plant(text_date(src, visit), "DATE_TIME", 3).text(", discharged ")
    text.plant(text_date(src, discharge), "DATE_TIME", 3)
    text.text(f". Principal diagnosis: {diagnosis}. Follow up with Dr. ")
    text.plant(f"{doctor['first']} {doctor['last']}", "PERSON", None).text(" at ")
    text.plant(doctor["phone"], "PHONE_NUMBER", None).text(" within two weeks. ")
    text.text("Call the patient at ").plant(patient["phone"], "PHONE_NUMBER", 4).text(
        " to confirm."
    )
    return text


def _extra_email(src, text, patient):
    text.text("Prefers contact by email at ").plant(patient["email"], "EMAIL_ADDRESS", 6).text(". ")


def _extra_ssn(src, text, patient):
    text.text("SSN ").plant(patient["ssn"], "US_SSN", 7).text(" verified at registration. ")


def _extra_fax(src, text, patient):
    text.text("Outside records requested by fax to ").plant(phone(src), "PHONE_NUMBER", 5).text(
        ". "
    )


def _extra_plan(src, text, patient):
    text.text(f"Insured with {patient['insurer']}, member ID ")
    text.plant(patient["member_id"], "HEALTH_PLAN_ID", 9).text(". ")


def _extra_license(src, text, patient):
    text.text("Identity checked against driver's license ")
    text.plant("S" + src.digits(8), "US_DRIVER_LICENSE", 11).text(". ")


def _extra_vehicle(src, text, patient):
    plate = f"{src.rng.randint(1, 9)}{''.join(src.rng.choices('ABCDEFGHJKLMNPRSTUVWXYZ', k=3))}{src.digits(3)}"
    text.text("Involved in a collision; car with plate ").plant(plate, "VEHICLE_PLATE", 12).text(
        " towed. "
    )


def _extra_device(src, text, patient):
    serial = "".join(src.rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=2)) + src.digits(7)
    device = src.rng.choice(_DEVICES)
    text.text(f"Has {'an' if device[0] in 'aeiou' else 'a'} {device}, serial number ")
    text.plant(serial, "DEVICE_SERIAL", 13).text(". ")


def _extra_url(src, text, patient):
    url = f"https://www.{patient['last_name'].lower()}{patient['first_name'].lower()}.net/diary"
    text.text("Keeps a public health diary at ").plant(url, "URL", 14).text(". ")


def _extra_ip(src, text, patient):
    address = ".".join(str(src.rng.randint(11, 223)) for _ in range(4))
    text.text("Follow-up telehealth call connected from IP ").plant(address, "IP_ADDRESS", 15).text(
        ". "
    )


def _extra_account(src, text, patient):
    text.text("Billing account ").plant(src.digits(10), "ACCOUNT_NUMBER", 10).text(
        " has a balance due. "
    )
