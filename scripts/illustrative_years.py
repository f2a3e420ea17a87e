"""The invented years behind scripts/make_illustrative.py: ILLUSTRATIVE data, not real returns.

Each year's national counts (NCA 2017's printed counts; NCA 2016's percentages applied to 41
returns), its flows between forces, and which questions hang on another's yes answers.
make_illustrative.py turns these into force-level rows.
"""

from __future__ import annotations

MET = "Metropolitan Police"
MERSEYSIDE = "Merseyside"

# ---------------------------------------------------------------------------------------
# 2017: every count below is printed in NCA 2017 (base 43, imprisonment base 33).
# ---------------------------------------------------------------------------------------
FLOWS_2017 = {
    # para 3.8: London lines reach 65% of other forces (28), mostly south and east, some north
    MET: [
        "Thames Valley",
        "Hampshire",
        "Surrey",
        "Kent",
        "Sussex",
        "Essex",
        "Hertfordshire",
        "Bedfordshire",
        "Cambridgeshire",
        "Norfolk",
        "Suffolk",
        "Devon and Cornwall",
        "Avon and Somerset",
        "Gloucestershire",
        "Wiltshire",
        "Dorset",
        "Northamptonshire",
        "Leicestershire",
        "Lincolnshire",
        "Nottinghamshire",
        "Derbyshire",
        "West Mercia",
        "Staffordshire",
        "South Wales",
        "Dyfed-Powys",
        "Humberside",
        "North Yorkshire",
        "South Yorkshire",
    ],
    # para 3.8: Merseyside reaches 42% of forces (18), mostly north west, also south east
    MERSEYSIDE: [
        "Cumbria",
        "Lancashire",
        "Greater Manchester",
        "Cheshire",
        "North Wales",
        "Dyfed-Powys",
        "West Mercia",
        "Staffordshire",
        "North Yorkshire",
        "West Yorkshire",
        "Derbyshire",
        "South Wales",
        "Gloucestershire",
        "Northumbria",
        "Hampshire",
        "Sussex",
        "Thames Valley",
        "Surrey",
    ],
    "West Midlands": [
        "Staffordshire",
        "West Mercia",
        "Derbyshire",
        "Leicestershire",
        "Northamptonshire",
        "Gloucestershire",
        "Dyfed-Powys",
    ],
    "Greater Manchester": [
        "Cumbria",
        "Lancashire",
        "Cheshire",
        "North Wales",
        "West Yorkshire",
        "Derbyshire",
        "North Yorkshire",
    ],
    "West Yorkshire": ["North Yorkshire", "Humberside", "Lincolnshire"],
    "Thames Valley": ["Hampshire", "Wiltshire", "Dorset"],
    "Essex": ["Suffolk", "Norfolk", "Cambridgeshire"],
    "Nottinghamshire": ["Lincolnshire", "Derbyshire", "Norfolk"],
    "South Yorkshire": ["Lincolnshire", "Humberside", "North Yorkshire", "Derbyshire"],
    "Avon and Somerset": [
        "Devon and Cornwall",
        "Wiltshire",
        "Gloucestershire",
        "Dorset",
        "South Wales",
    ],
    "Northumbria": ["Cumbria", "North Yorkshire"],
    "Lancashire": ["Cumbria"],
    "Leicestershire": ["Northamptonshire", "Lincolnshire"],
}

YEAR_2017 = {
    "year": 2017,
    "seed": 20170601,
    "no_return": [],
    # para 3.1: 12% of forces (5) report no evidence of county lines activity
    "inactive": ["City of London", "Cleveland", "Durham", "Gwent", "Warwickshire"],
    "flows": FLOWS_2017,
    "established": 14,  # para 3.5
    "emerging": 8,  # para 3.5
    "lines_forces": 19,  # para 3.2: 43% of forces (19) gave numbers of lines
    "lines_total": 701,  # + one line in each of the other 19 active forces = 720
    "flow_lines_share": 0.7,
    # indicator: (yes, possible)
    "counts": {
        "heroin": (34, 0),
        "crack_cocaine": (30, 0),
        "cannabis": (15, 0),  # "more than a third (35%)": 15/43 = 34.9%
        "spice": (4, 0),
        "knives": (35, 0),
        "firearms": (32, 0),
        "corrosives": (11, 1),  # para 5.3 "one force reporting potential evidence"
        "homicide": (18, 0),
        "taxing": (15, 2),
        "sexual_violence": (9, 0),
        "turf_wars": (25, 0),
        "cuckooing": (33, 0),
        "other_accommodation": (10, 0),
        "sex_worker_premises": (14, 0),
        "imprisonment": (7, 0),
        "vulnerable_people": (32, 0),
        "mental_health": (16, 0),
        "physical_health": (5, 0),
        "vulnerable_dealing": (25, 0),
        "debt_bondage": (12, 0),
        "drug_users_transport": (25, 0),
        "child_exploitation": (28, 0),
        "children_running": (18, 0),
        "sexual_exploitation": (15, 4),
        "child_sexual_exploitation": (11, 3),
        "rail": (29, 0),
        "hire_vehicles": (22, 0),
        "owned_vehicles": (18, 0),
        "taxis": (14, 0),
        "changing_deal_lines": (11, 0),
        "complicit_companies": (8, 0),
        "plugging": (13, 0),
        "rotating_operatives": (5, 0),
        "franchising": (6, 0),
    },
    # para 8.5: 5% of forces (2) reported no exploitation of children; 19% (8) an
    # intelligence gap (not known). Inactive forces leave it blank to keep "no" at 2.
    "exact_no": {"child_exploitation": 2},
}

# ---------------------------------------------------------------------------------------
# 2016: NCA 2016 prints percentages of "areas" only; counts here are those percentages
# applied to 41 returns, and lower than 2017 on the trends 2017 calls new or emerging.
# ---------------------------------------------------------------------------------------
FLOWS_2016 = {
    # para 3.1: 85% of areas encountered gangs from London
    MET: [
        "Thames Valley",
        "Hampshire",
        "Surrey",
        "Kent",
        "Sussex",
        "Essex",
        "Hertfordshire",
        "Bedfordshire",
        "Cambridgeshire",
        "Norfolk",
        "Suffolk",
        "Devon and Cornwall",
        "Avon and Somerset",
        "Gloucestershire",
        "Wiltshire",
        "Dorset",
        "Northamptonshire",
        "Leicestershire",
        "Nottinghamshire",
        "Derbyshire",
        "West Mercia",
        "Staffordshire",
        "Warwickshire",
        "West Midlands",
        "South Wales",
        "Humberside",
        "North Yorkshire",
        "South Yorkshire",
        "West Yorkshire",
        "Lancashire",
        "Greater Manchester",
    ],
    # para 3.1: other gangs from Liverpool, Manchester, Birmingham, Reading and Essex
    MERSEYSIDE: [
        "Cumbria",
        "Lancashire",
        "Cheshire",
        "North Wales",
        "West Mercia",
        "Staffordshire",
        "Greater Manchester",
        "West Yorkshire",
        "Northumbria",
        "Hampshire",
    ],
    "West Midlands": [
        "Staffordshire",
        "West Mercia",
        "Warwickshire",
        "Leicestershire",
        "Gloucestershire",
    ],
    "Greater Manchester": ["Cumbria", "Lancashire", "Cheshire", "North Wales", "West Yorkshire"],
    "Thames Valley": ["Hampshire", "Wiltshire", "Surrey"],
    "Essex": ["Suffolk", "Norfolk"],
}

YEAR_2016 = {
    "year": 2016,
    "seed": 20160601,
    "no_return": ["Gwent", "Lincolnshire"],
    "inactive": ["City of London", "Cleveland", "Durham", "Dyfed-Powys"],
    "flows": FLOWS_2016,
    "established": 29,  # para 2.1: 71% established (0.71 * 41 = 29.1)
    "emerging": 5,  # para 2.1: 12% emerging (0.12 * 41 = 4.9)
    "lines_forces": 0,  # NCA 2016 published no numbers of lines
    "lines_total": 0,
    "flow_lines_share": 0.35,
    "counts": {
        "heroin": (37, 0),  # para 5.1: all gangs sold crack cocaine and heroin
        "crack_cocaine": (37, 0),
        "cannabis": (12, 0),  # para 13.3: 30%
        "spice": (1, 0),
        "knives": (31, 0),  # para 10.4: knives the most common weapon
        "firearms": (26, 0),
        "corrosives": (4, 1),  # para 10.5: acid a developing trend
        "homicide": (10, 0),
        "taxing": (3, 1),
        "sexual_violence": (6, 0),
        "turf_wars": (18, 0),
        "cuckooing": (37, 0),  # para 6.1: all returns
        "other_accommodation": (6, 0),
        "sex_worker_premises": (6, 0),
        "imprisonment": (4, 0),
        "vulnerable_people": (37, 0),
        "mental_health": (10, 0),  # para 6.5: a new trend
        "physical_health": (3, 0),
        "vulnerable_dealing": (37, 0),  # para 6.2: 90% (0.9 * 41 = 36.9)
        "debt_bondage": (16, 0),
        "drug_users_transport": (20, 0),
        "child_exploitation": (33, 0),  # para 8.4: 80% (0.8 * 41 = 32.8)
        "children_running": (21, 0),
        "sexual_exploitation": (7, 2),  # para 9.1: not widely reported
        "child_sexual_exploitation": (4, 2),
        "rail": (27, 0),
        "hire_vehicles": (25, 0),  # para 12.2: the majority use hire cars
        "owned_vehicles": (7, 0),  # para 12.2: a small number use private cars
        "taxis": (13, 0),
        "changing_deal_lines": (5, 0),
        "complicit_companies": (3, 0),
        "plugging": (6, 0),
        "rotating_operatives": (9, 0),  # para 4.1: a number of areas rotate members
        "franchising": (2, 0),
    },
    "exact_no": {},
}

# A question asked only of forces answering yes to another, or whose yes answers must
# fall within another question's yes answers.
PARENT = {
    "imprisonment": "cuckooing",
    "mental_health": "vulnerable_people",
    "physical_health": "vulnerable_people",
    "vulnerable_dealing": "vulnerable_people",
    "debt_bondage": "vulnerable_people",
    "children_running": "child_exploitation",
}
NOT_ASKED_OUTSIDE_PARENT = {"imprisonment"}  # base is cuckooing forces (NCA 2017 para 6.8)
SCOPE = ("county_lines_activity", "importer", "exporter", "established_lines", "emerging_lines")
