"""Sentence templates of the labelled set. `{slot}` is filled by `generate._Values`.

Written to read like real clinical notes and bank support chats: identifiers behind the
labels people actually type, some without any label, plus numbers that are NOT identifiers
(doses, amounts, ages under 90) so precision is measured too.
"""

from __future__ import annotations

__all__ = ["HEALTHCARE", "FINANCE"]

HEALTHCARE = [
    "Patient {name} (MRN: {mrn}) was admitted on {date} with chest pain.",
    "Pt {name}, DOB {date}, MRN {mrn}, presents with shortness of breath.",
    "{age}-year-old male seen in clinic today, started on lisinopril {dose} mg daily.",
    "Mrs. {last} is a {age90}-year-old woman with a history of CHF and AFib.",
    "The patient is {age90} years old and lives alone at {address}, {city}, {state} {zip}.",
    "Seen by Dr. {doctor} (NPI {npi}) for follow-up of type 2 diabetes.",
    "Prescriber: Dr. {doctor}, DEA {dea}, NPI: {npi}.",
    "Medicare MBI {mbi}; secondary insurance member ID {member}.",
    "Insurance: Blue Cross, Member ID: {member}, group 4471.",
    "Discussed plan with daughter {name} at {phone}; she agreed with hospice referral.",
    "Contact the patient's son {first} at {phone} or {email} with lab results.",
    "Discharge summary for {name}, medical record number {mrn}, dictated on {date}.",
    "SSN on file: {ssn}. Address verified as {address}, {city}, {state} {zip}.",
    "Follow-up scheduled for {date} with Dr. {doctor} at the cardiology clinic.",
    "Patient reports taking metformin {dose} mg twice daily; A1c 7.2 on {date}.",
    "Home address: {address}, {city}, {state} {zip}. Phone: {phone}.",
    "Nurse note: {name} was ambulating in the hallway without assistance.",
    "Referred by {name}, NPI {npi}, for evaluation of knee pain.",
    "Portal message received from {email} on {date} asking about refills.",
    "BP 132/84, HR 78, temp 98.6 F; weight {dose} lb.",
    "Chart # {mrn} reviewed; {first} {last} was last seen {date}.",
    "Aged {age90}, the patient declines further imaging.",
    "Spoke with {name} by phone ({phone}) regarding the MRI results.",
    "Pharmacy called back about the prescription for {name} from Dr. {doctor}.",
    "Paged Dr. {doctor} at {local_phone}; awaiting call back.",
    "Daughter {first} can be reached at home, {local_phone}, after 5 pm.",
    "Lot {lot} of the influenza vaccine was given in the left deltoid.",
]

FINANCE = [
    "Hi, this is {name}, I'm calling about a charge of {amount} on my card {card}.",
    "Agent: Thanks {first}, can you confirm the last transfer to IBAN {iban}?",
    "Customer: please wire {amount} to account {account}, routing number {routing}.",
    "Beneficiary bank SWIFT code {swift}, IBAN {iban}, amount {amount}.",
    "My sort code is {sort_code} and account number {account}.",
    "Customer {name} (SSN {ssn}) requests a new debit card mailed to "
    "{address}, {city}, {state} {zip}.",
    "Agent: I've updated your email to {email} and phone to {phone}.",
    "Card ending in {card} was declined at 14:32 for {amount}.",
    "Customer: my new address is {address}, {city}, {state} {zip}.",
    "The ACH transfer from routing {routing}, account {account} posted on {date}.",
    "Agent: Hello {first}, how can I help you today?",
    "Please send the statement to {email}; my name is {name}.",
    "BIC: {swift}. Reference invoice 4471-{dose}.",
    "Customer reports card {card} lost on {date}; replacement ordered.",
    "Wire details: beneficiary {name}, IBAN {iban}, SWIFT {swift}.",
    "Login from IP {ip} flagged for review on {date}.",
    "Agent: Can you verify the last four of your SSN? Customer: full SSN is {ssn}.",
    "Customer: call me back at {phone}, ask for {first}.",
    "Mortgage payment of {amount} is due {date}; autopay from checking {account}.",
    "Thanks {name}, your dispute for {amount} has been opened.",
    "Transfer {amount} to my savings account {account} please.",
    "Agent: Ms. {last}, your balance is {amount} as of {date}.",
    "Customer: my passport number is {passport} and it expires next year.",
    "KYC review: national ID {national_id}, passport {passport}, checked by {first}.",
    "Agent: for the account opening I need your ID number. Customer: {national_id}.",
    "Customer: you can text me at {local_phone}, it's {first}.",
    "Customer: my email is {email_spelt}, please use that one.",
    "Agent: reference {lot} was applied to your statement on {date}.",
]
