from __future__ import annotations

import pytest
from tests.nlp.conftest import matched_texts

from veil.nlp.recognizers.medical_record import MedicalRecordNumberRecognizer


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("MRN: 00482913", ["00482913"]),                     # label kept out of the span
    ("Patient MRN 4829131 admitted", ["4829131"]),
    ("medical record number H1698614", ["H1698614"]),   # letter prefix
    ("Chart # 4829131 reviewed", ["4829131"]),
    ("mrn=MR29802332", ["MR29802332"]),
    ("He took 4829131 steps", []),                       # no label: not an MRN
    ("MRN pending", []),
    # the numbers an encounter and its bill are filed under
    ("FIN: 123456789. CSN 1234567890. HAR# 4412098.", ["123456789", "1234567890", "4412098"]),
    ("Encounter #: E1234567, Visit ID V00123456", ["E1234567", "V00123456"]),
    ("accession no. S24-12345; hospital account number 88120045", ["88120045", "S24-12345"]),
    ("fin 123456 of the fish; visit 2 of 3", []),      # `fin` in lower case is a word
    ("Specimen ID: S24-118402 received", ["S24-118402"]),
    ("Patient identifier on wristband: 4471-88-2019; bed 7", ["4471-88-2019"]),
    ("CT head, accession 88123377, ordering Dr. Haddad", ["88123377"]),
    # a form's dot leaders; New Zealand's NHI in its two shapes
    ("DOB:....03/03/1947   MRN:....7730041", ["7730041"]),
    ("Pt Hemi Walker (NHI ZAA0067) seen; NHI no. ALU18KZ", ["ALU18KZ", "ZAA0067"]),
    ("NHI funding; NHI IOU1234", []),                  # no I or O in an NHI
    # the UK's hospital number; Spain's historia clínica
    ("Giuseppe Romano, hosp no H0448213, T2N1; Hospital number: 4471882", ["4471882",
                                                                          "H0448213"]),
    ("Lucía Fernández, NHC 28-0044812-55, Sevilla", ["28-0044812-55"]),
    ("hospital no longer; nhc 4471882 (lower case); hosp 12345; member ID NHC4972907739", []),
    # an accession number after `acc#`, by the letters before its digits (`acc` is an account)
    ("CT abdomen acc# RAD-2024-118832, ordered; Accn: MB24-0044812", ["MB24-0044812",
                                                                     "RAD-2024-118832"]),
    ("acc# 53117804; acc 4471882; acc: pending", []),
    # the number on a patient's identity band
    ("phlebotomist Aoife; pt ID band checked (4471882).", ["4471882"]),
    ("wristband: H0448213; Wrist band reads 00482913", ["00482913", "H0448213"]),
    ("band 3 of 5; ID band on; broadband 1234567; band number 12", []),
    ("crossmatched for Efua Boateng, BB band BB-447120.", ["BB-447120"]),
])
# fmt: on
def test_medical_record_number_recognizer(text, expected):
    assert matched_texts(MedicalRecordNumberRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Pathology: specimen H24-0031872 from the left breast", ["H24-0031872"]),
    ("specimen no. 44712093 received", ["44712093"]),
    ("specimen sent to lab at 14:20; specimen 2 of 3", []),
])
# fmt: on
def test_a_specimen_is_numbered_with_or_without_a_number_word(text, expected):
    assert matched_texts(MedicalRecordNumberRecognizer(), text) == expected


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Clinical trial: subject ONC-204-0117 (site 12)", ["ONC-204-0117"]),
    ("Genomics: sample GEN-2024-004471 from proband", ["GEN-2024-004471"]),
    ("Subject: 44712093 overdue; sample size 12; subject 2 of 3", []),  # an email's subject
])
# fmt: on
def test_a_trial_subject_and_a_sample(text, expected):
    assert matched_texts(MedicalRecordNumberRecognizer(), text) == expected
