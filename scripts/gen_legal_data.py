#!/usr/bin/env python3
"""Generate the compact legal data tables under data/ from reporters-db and courts-db.

Usage (from the repository root):

    python3 scripts/gen_legal_data.py                      # creates .venv/ if needed
    python3 scripts/gen_legal_data.py --site-packages DIR  # use an existing install

Without --site-packages the script creates a private virtualenv in `.venv/`
(ignored by git) and installs the pinned package versions into it:

    python3 -m venv .venv && .venv/bin/pip install reporters-db==3.2.67 courts-db==0.10.27

Only the packages' JSON data files are read (no package code is imported), so
the output depends only on the pinned data.  Output is deterministic: JSON with
sorted object keys, lists in a fixed order; regenerating gives identical files.

Files written:

* data/reporters.json -- every case-reporter edition (one entry per
  reporter/edition pair), with its variant spellings, start/end years,
  cite_type and whether eyecite treats it as a Supreme Court reporter; every
  journal (journals.json); every law (laws.json), with the syntactic forms the
  law is cited in ("volume": a number precedes the name, as in `42 U.S.C.`;
  "named": the name comes first, as in `Fla. Stat. §`) and, for the laws whose
  name contains a subject (`Cal. Penal Code`), a prefix/suffix pattern.
* data/courts.json -- every court's id, name, citation_string, parent, type,
  system, the caption regex templates of courts-db, the template variables
  (variables.json, the place lists, and the ordinal ranges `${1-56}` expanded
  the same way courts_db.utils.load_courts_db does), hand-added
  parenthetical aliases (see COURT_ALIASES), and the court's Bluebook
  abbreviation as people read it ("abbreviation", see below).

The abbreviation of a court (`C.D. Cal.`, `Del. Super. Ct.`, `1st Cir.`) is,
in this order of rules (court_abbreviation()):

1. COURT_ABBREVIATION_OVERRIDES, the few Bluebook forms no rule gives
   (`U.S.` for the Supreme Court, `C.M.A.`, `FISA Ct. Rev.`), two courts-db
   citation strings that are not Bluebook forms (`NY`, `Sup. Ct. R.I.` for
   the Rhode Island Superior Court) and two courts-db names with typos;
2. courts-db's citation_string, with its white space folded, its full
   court words abbreviated by Bluebook table T7 (`Superior Court` ->
   `Super. Ct.`), a district's state written in full abbreviated by T10
   (`Bankr. S.D. Florida` -> `Bankr. S.D. Fla.`), Ohio written in full as
   T10 has it (courts-db: `Oh. Ct. Com. Pl.`) and a bankruptcy appellate
   panel written the Bluebook's way (`9th Cir. BAP` -> `B.A.P. 9th Cir.`);
3. a former federal circuit court (parent `uscirct`): `C.C.` and its
   district (`C.C.S.D.N.Y.`, `C.C.D. Ariz.`), the Bluebook's form; a federal
   district or bankruptcy court without a citation string: its district
   (`D. Ark.`, `Bankr. N.D. Ala.`);
4. a state court's parent's abbreviation: the Bluebook cites a state
   court's districts, divisions, circuits and counties by the court's own
   abbreviation (`New York Family Court, Kings County` -> `N.Y. Fam. Ct.`,
   `Circuit Court of the 10th Judicial Circuit of Florida` -> `Fla. Cir.
   Ct.`);
5. derived from the name: the jurisdiction first, abbreviated by T10
   (GEOGRAPHY; for state courts and courts of a territory, not for tribal
   or other federal bodies), then the other words of the name in order,
   abbreviated by T6/T7 (COURT_WORDS; ordinals as `5th`), with `of`, `the`,
   `for` dropped and words without an abbreviation kept; a state's highest
   court named `Supreme Court` is the jurisdiction alone (`Guam`).
   Adjacent single capitals are closed up (Bluebook rule 6.1(a)).
* data/case_name_abbreviations.json -- long word -> abbreviations, inverted
  from reporters-db's case_name_abbreviations.json (plus EXTRA_CASE_NAME_ABBREVIATIONS).
* data/LICENSES.md -- the BSD-2 licence texts, package versions and this command.
* data/federal_rules.json -- the federal rule sets (FEDERAL_RULE_SETS, hand
  written: no package lists them): each set's name as the Federal Rules spell
  it (`Civil Procedure`), its Bluebook abbreviation (`Fed. R. Civ. P.`), the
  word that tells the abbreviated forms apart (`Civ`), and the first and last
  rule of its numbering, which tells which set a bare `Rule 29` can belong
  to. The list's order is the order in which a bare `Rule N` typed as a query
  is tried. `--only federal_rules` regenerates it alone.
* data/authority_aliases.json -- the everyday names of authorities that
  `precedent cited-by` and the server take as queries (`src/kb/aliases.rs`):
  other spellings of each federal rule set (`FRCP 12(b)(6)`, `Federal Rule of
  Evidence 403`: the set's name from FEDERAL_RULE_SETS, its abbreviation
  closed up, and the acronyms of RULE_SET_ACRONYMS), the words that introduce
  a bare section number (`section 1983`, `§ 1983`: SECTION_WORDS) with the
  number of U.S. Code titles such a section is looked for in, and the popular
  names of federal acts with the U.S. Code sections they occupy
  (POPULAR_NAMES, hand written from the U.S. Code's Table of Popular Names,
  uscode.house.gov, a work of the United States government in the public
  domain). `--only authority_aliases` regenerates it alone.
* data/laws.json -- statutes and court rules cited without a section sign
  or by a local name (`KRS 189A.010`, `42 Pa.C.S. § 5524`, `735 ILCS
  5/2-619`, `CPLR 3211`, `Pa.R.C.P. 1035.2`): the reporters-db laws whose
  citation form has no section sign (NO_SIGN_FORMS), then HAND_LAWS, the
  local names and court rules no package lists (see the comment above it),
  each with its spaced and unspaced spellings; and EXCHANGE_ACT_RULES, the
  C.F.R. part a `Rule 10b-5` belongs to.
* data/prose.json -- the vocabulary of legal prose that `src/prose.rs`,
  `src/propositions.rs`, `src/history.rs` and `src/treatment.rs` read:
  abbreviations that do not end a sentence (every dotted word of the
  reporters, courts and case-name abbreviations above, less the ordinary
  words in NOT_ABBREVIATIONS, plus PROSE_ABBREVIATIONS), the words a citation
  sentence may hold besides its citations, subsequent-history phrases,
  treatment phrases with the side their target stands on, anaphors, the
  verbs that report a party's argument, and procedural phrases. It is derived
  from the three files above and hand tables (below), so
  `python3 scripts/gen_legal_data.py --only prose` regenerates it without the
  packages.

Hand-added entries (everything else comes verbatim from the packages):

* EXTRA_REPORTERS: none are needed for reporters-db 3.2.67 -- it already has
  "WL" (cite_type specialty_west) and the LEXIS forms ("U.S. Dist. LEXIS",
  "U.S. App. LEXIS", "Cal. App. LEXIS", ...; cite_type specialty_lexis).  The
  table is kept so that older/newer data without them still gets them: an
  entry is only added when its canonical spelling is absent.
* EXTRA_SCOTUS_REPORTERS: reporters whose citations imply the U.S. Supreme
  Court although eyecite's is_scotus rule (cite_type "federal" and "supreme"
  in the name, or "scotus" in cite_type) misses them: "L. Ed." (Lawyer's
  Edition, which reports only Supreme Court decisions).
* EXTRA_CASE_NAME_ABBREVIATIONS: Bluebook T6 abbreviates "America[n]" as
  "Am."; reporters-db only lists "America".
* EXTRA_LAW_PATTERNS: `Tex. <subject> Code` without `Ann.`.
* HAND_LAWS, EXCHANGE_ACT_RULES: see data/laws.json above.
* COURT_ALIASES: parenthetical spellings that neither the exact nor the
  prefix rule of eyecite's get_court_by_paren resolves.
* PROSE_* tables: everything in data/prose.json that does not come from the
  files above.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

REPORTERS_DB_VERSION = "3.2.67"
COURTS_DB_VERSION = "0.10.27"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")

# Hand-added case reporters, used only when reporters-db lacks the canonical
# spelling.  Fields as in the generated edition entries.
EXTRA_REPORTERS = [
    {"canonical": "WL", "name": "West Law Citation", "cite_type": "specialty_west",
     "variants": ["Wl", "wl"]},
    {"canonical": "U.S. Dist. LEXIS", "name": "LexisNexis U.S. District Courts",
     "cite_type": "specialty_lexis", "variants": ["US Dist LEXIS"]},
    {"canonical": "U.S. App. LEXIS", "name": "LexisNexis U.S. Courts of Appeals",
     "cite_type": "specialty_lexis", "variants": []},
    {"canonical": "U.S. LEXIS", "name": "LexisNexis U.S. Supreme Court",
     "cite_type": "specialty_lexis", "variants": []},
    {"canonical": "Cal. App. LEXIS", "name": "LexisNexis California Court of Appeal",
     "cite_type": "specialty_lexis", "variants": []},
]

EXTRA_SCOTUS_REPORTERS = {"L. Ed."}

EXTRA_CASE_NAME_ABBREVIATIONS = {
    "American": ["Am."],
}

# The federal rule sets: (name as in "Federal Rules of ...", Bluebook
# abbreviation (rule 12.9.3), the word of the abbreviation that names the set,
# first and last rule number). Numbering as the rules stand: Civil Procedure
# 1-87, Criminal Procedure 1-61, Evidence 101-1103, Appellate Procedure 1-48,
# Bankruptcy Procedure 1001-9037. In the order a bare "Rule N" is tried.
FEDERAL_RULE_SETS = [
    ("Civil Procedure", "Fed. R. Civ. P.", "Civ", 1, 87),
    ("Criminal Procedure", "Fed. R. Crim. P.", "Crim", 1, 61),
    ("Evidence", "Fed. R. Evid.", "Evid", 101, 1103),
    ("Appellate Procedure", "Fed. R. App. P.", "App", 1, 48),
    ("Bankruptcy Procedure", "Fed. R. Bankr. P.", "Bankr", 1001, 9037),
]


# Acronyms and loose spellings lawyers type for the rule sets, by Bluebook
# abbreviation. Compared with spaces and periods removed, case ignored.
RULE_SET_ACRONYMS = {
    "Fed. R. Civ. P.": ["FRCP", "FRCivP", "Fed. R. Civ. Pro.", "Fed. R. Civ. Proc."],
    "Fed. R. Crim. P.": ["FRCrP", "FRCRP", "Fed. R. Crim. Pro.", "Fed. R. Crim. Proc."],
    "Fed. R. Evid.": ["FRE", "Fed. R. Ev."],
    "Fed. R. App. P.": ["FRAP", "Fed. R. App. Pro.", "Fed. R. App. Proc."],
    "Fed. R. Bankr. P.": ["FRBP", "Fed. R. Bankr. Pro.", "Fed. R. Bankr. Proc."],
}

# Words before a bare section number ("section 1983", "§ 1983"); compared
# lower-cased with periods removed.
SECTION_WORDS = ["section", "sections", "sec", "secs", "§", "§§"]

# U.S. Code titles 1-54: a bare section is looked for in each.
US_CODE_TITLES = 54

# Popular names of federal acts -> (code, [(first section, last section)]),
# from the U.S. Code's Table of Popular Names and the notes of each act's
# first section (uscode.house.gov; public domain). The first section of the
# first range is the one courts cite the whole act by ("42 U.S.C. § 12101
# et seq.").
POPULAR_NAMES = [
    (["Title VII", "Title VII of the Civil Rights Act of 1964"], "42 U.S.C.", [("2000e", "2000e-17")]),
    (["ADA", "Americans with Disabilities Act", "Americans with Disabilities Act of 1990"],
     "42 U.S.C.", [("12101", "12213")]),
    (["FLSA", "Fair Labor Standards Act", "Fair Labor Standards Act of 1938"], "29 U.S.C.", [("201", "219")]),
    (["ADEA", "Age Discrimination in Employment Act"], "29 U.S.C.", [("621", "634")]),
    (["FMLA", "Family and Medical Leave Act", "Family and Medical Leave Act of 1993"],
     "29 U.S.C.", [("2601", "2654")]),
    (["ERISA", "Employee Retirement Income Security Act", "Employee Retirement Income Security Act of 1974"],
     "29 U.S.C.", [("1001", "1461")]),
    (["Rehabilitation Act", "Rehabilitation Act of 1973"], "29 U.S.C.", [("701", "796l")]),
    (["FCRA", "Fair Credit Reporting Act"], "15 U.S.C.", [("1681", "1681x")]),
    (["FDCPA", "Fair Debt Collection Practices Act"], "15 U.S.C.", [("1692", "1692p")]),
    (["TCPA", "Telephone Consumer Protection Act"], "47 U.S.C.", [("227", "227")]),
    (["RICO", "Racketeer Influenced and Corrupt Organizations Act"], "18 U.S.C.", [("1961", "1968")]),
    (["Sherman Act"], "15 U.S.C.", [("1", "7")]),
    (["Clayton Act"], "15 U.S.C.", [("12", "27")]),
    (["Lanham Act"], "15 U.S.C.", [("1051", "1141n")]),
    (["Securities Act", "Securities Act of 1933"], "15 U.S.C.", [("77a", "77aa")]),
    (["Exchange Act", "Securities Exchange Act", "Securities Exchange Act of 1934"], "15 U.S.C.", [("78a", "78qq")]),
    (["FTCA", "Federal Tort Claims Act"], "28 U.S.C.", [("2671", "2680")]),
    (["FOIA", "Freedom of Information Act"], "5 U.S.C.", [("552", "552")]),
    (["APA", "Administrative Procedure Act"], "5 U.S.C.", [("551", "559"), ("701", "706")]),
    (["Title IX"], "20 U.S.C.", [("1681", "1688")]),
    (["CERCLA", "Comprehensive Environmental Response, Compensation, and Liability Act"],
     "42 U.S.C.", [("9601", "9675")]),
    (["Clean Water Act"], "33 U.S.C.", [("1251", "1388")]),
    (["Clean Air Act"], "42 U.S.C.", [("7401", "7671q")]),
    (["Copyright Act"], "17 U.S.C.", [("101", "1332")]),
    (["Patent Act"], "35 U.S.C.", [("1", "390")]),
    (["DMCA", "Digital Millennium Copyright Act"], "17 U.S.C.", [("512", "512"), ("1201", "1205")]),
    (["FAA", "Federal Arbitration Act"], "9 U.S.C.", [("1", "16")]),
    (["PLRA", "Prison Litigation Reform Act"], "42 U.S.C.", [("1997e", "1997e")]),
    (["AEDPA"], "28 U.S.C.", [("2244", "2266")]),
    (["IDEA", "Individuals with Disabilities Education Act"], "20 U.S.C.", [("1400", "1482")]),
]


def rule_set_forms(name, abbreviation):
    """Every spelling of a rule set's name that a query may use."""
    forms = [abbreviation, abbreviation.replace(" ", ""),
             f"Federal Rule of {name}", f"Federal Rules of {name}",
             f"Fed. Rule of {name}", f"Fed. Rules of {name}"]
    forms += RULE_SET_ACRONYMS.get(abbreviation, [])
    return sorted(set(forms))


def gen_authority_aliases():
    """data/authority_aliases.json from FEDERAL_RULE_SETS and the hand tables above."""
    return {
        "rule_sets": [
            {"abbreviation": a, "forms": rule_set_forms(n, a)} for n, a, _w, _lo, _hi in FEDERAL_RULE_SETS
        ],
        "section_words": SECTION_WORDS,
        "us_code_titles": US_CODE_TITLES,
        "acts": [
            {"names": names, "code": code, "ranges": [list(r) for r in ranges]}
            for names, code, ranges in POPULAR_NAMES
        ],
    }


def gen_federal_rules():
    """data/federal_rules.json from FEDERAL_RULE_SETS (order kept)."""
    return {
        "rule_sets": [
            {"name": n, "abbreviation": a, "word": w, "first": lo, "last": hi}
            for n, a, w, lo, hi in FEDERAL_RULE_SETS
        ]
    }


# ---------------------------------------------------------------------------
# data/laws.json: statutes and court rules cited without a section sign or by
# a local name, which the `§`-anchored and volume-anchored matchers of
# data/reporters.json cannot find.
#
# reporters-db lists each code under its Bluebook name only (`Ky. Rev. Stat.
# Ann. §`), while courts cite most state codes by the name the state's own
# courts use (`KRS 189A.010`, `42 Pa.C.S. § 5524`, `735 ILCS 5/2-619`,
# `CPLR 3211`, `R.C. 2744.02`), and reporters-db has no court rules at all.
# So the codes reporters-db gives a section-sign-free form (`La. Civ. Code
# Ann. art 51`, `Minn. R. 6`, `Ill. Comp. Stat.`) are taken from it, and the
# local names and court rules below are hand-added: no package lists them.
#
# Each hand entry: (jurisdiction, kind, canonical, written forms, options).
#   kind: "statute", "regulation" or "rule".
#   canonical: the authority-key prefix (`Ky. Rev. Stat.`, `Ky. R. Civ. P.`).
#   written: spellings as courts write them; the generator adds the spaced and
#     unspaced variants of dotted forms (`Pa.R.C.P.` / `Pa. R.C.P.` / `Pa. R. C. P.`).
#   options: "title" = a number precedes the name (`42 Pa.C.S.`, `735 ILCS`);
#     "bare" = an all-capital short name that is also an ordinary word or
#     docket part (`CR`, `RC`): its number must hold a `.`, `(`, `:` or `-`
#     or be at least 3 digits long.
# ---------------------------------------------------------------------------
HAND_LAWS = [
    # Federal forms reporters-db spells only with every period.
    ("United States", "statute", "U.S.C.", ["U.S.C", "U.S.C.A", "USCA"], "title"),
    ("United States", "regulation", "C.F.R.", ["C.F.R", "CFR"], "title"),
    # Kentucky
    ("Kentucky", "statute", "Ky. Rev. Stat.", ["KRS", "K.R.S."], "bare"),
    ("Kentucky", "rule", "Ky. R. Civ. P.", ["Ky. R. Civ. P.", "Kentucky Rule of Civil Procedure", "Kentucky Rules of Civil Procedure"], "bare"),
    ("Kentucky", "rule", "Ky. R. Crim. P.", ["RCr", "Ky. R. Crim. P."], ""),
    ("Kentucky", "rule", "Ky. R. Evid.", ["KRE", "Ky. R. Evid."], "bare"),
    ("Kentucky", "rule", "Ky. S. Ct. R.", ["Ky. S. Ct. R."], ""),
    ("Kentucky", "rule", "Ky. R. App. P.", ["Ky. R. App. P."], ""),
    # Short names several states use for their own rules (Kentucky and
    # Washington: CR, RAP; Kentucky, Nevada and Wisconsin: SCR): the name as
    # written is the key, since the text alone does not tell the state.
    ("", "rule", "CR", ["CR"], "bare"),
    ("", "rule", "SCR", ["SCR"], "bare"),
    ("", "rule", "RAP", ["RAP"], "bare"),
    # Pennsylvania
    ("Pennsylvania", "statute", "Pa. Cons. Stat.", ["Pa.C.S.", "Pa.C.S.A.", "Pa. Cons. Stat. Ann."], "title"),
    ("Pennsylvania", "statute", "Pa. Stat.", ["P.S.", "Pa. Stat. Ann."], "title"),
    ("Pennsylvania", "rule", "Pa. R. Civ. P.", ["Pa.R.C.P.", "Pa.R.Civ.P.", "Pa. R. Civ. P."], ""),
    ("Pennsylvania", "rule", "Pa. R. Crim. P.", ["Pa.R.Crim.P.", "Pa. R. Crim. P."], ""),
    ("Pennsylvania", "rule", "Pa. R. App. P.", ["Pa.R.A.P.", "Pa. R. App. P."], ""),
    ("Pennsylvania", "rule", "Pa. R. Evid.", ["Pa.R.E.", "Pa. R. Evid."], ""),
    # Illinois
    ("Illinois", "statute", "Ill. Comp. Stat.", ["ILCS", "Ill. Comp. Stat.", "Ill. Comp. Stat. Ann."], "title"),
    ("Illinois", "statute", "Ill. Rev. Stat.", ["Ill. Rev. Stat."], "chapter"),
    ("Illinois", "rule", "Ill. S. Ct. R.", ["Ill. S. Ct. R.", "Ill. Sup. Ct. R.", "Illinois Supreme Court Rule"], ""),
    ("Illinois", "rule", "Ill. R. Evid.", ["Ill. R. Evid."], ""),
    # California: the Style Manual's bare code names.
    ("California", "statute", "Cal. Civ. Proc. Code", ["Code Civ. Proc.", "Code of Civil Procedure", "Cal. Code Civ. Proc."], ""),
    ("California", "statute", "Cal. Penal Code", ["Penal Code", "Pen. Code", "Cal. Pen. Code"], ""),
    ("California", "statute", "Cal. Civ. Code", ["Civil Code", "Civ. Code"], ""),
    ("California", "statute", "Cal. Evid. Code", ["Evidence Code", "Evid. Code"], ""),
    ("California", "statute", "Cal. Gov't Code", ["Government Code", "Gov. Code"], ""),
    ("California", "statute", "Cal. Bus. & Prof. Code", ["Business and Professions Code", "Bus. & Prof. Code"], ""),
    ("California", "statute", "Cal. Welf. & Inst. Code", ["Welfare and Institutions Code", "Welf. & Inst. Code"], ""),
    ("California", "statute", "Cal. Veh. Code", ["Vehicle Code", "Veh. Code"], ""),
    ("California", "statute", "Cal. Lab. Code", ["Labor Code", "Lab. Code"], ""),
    ("California", "statute", "Cal. Fam. Code", ["Family Code", "Fam. Code"], ""),
    ("California", "statute", "Cal. Health & Safety Code", ["Health and Safety Code", "Health & Saf. Code"], ""),
    ("California", "statute", "Cal. Ins. Code", ["Insurance Code", "Ins. Code"], ""),
    ("California", "statute", "Cal. Prob. Code", ["Probate Code", "Prob. Code"], ""),
    ("California", "statute", "Cal. Corp. Code", ["Corporations Code", "Corp. Code"], ""),
    ("California", "rule", "Cal. R. Ct.", ["Cal. Rules of Court, rule", "California Rules of Court, rule", "Cal. R. Ct."], ""),
    # Texas
    ("Texas", "statute", "Tex. Civ. Prac. & Rem. Code", ["Tex. Civ. Prac. & Rem. Code", "Tex. Civ. Prac. & Rem. Code Ann.", "Civil Practice and Remedies Code"], ""),
    ("Texas", "statute", "Tex. Code Crim. Proc.", ["Tex. Code Crim. Proc.", "Tex. Code Crim. Proc. Ann.", "Code of Criminal Procedure"], ""),
    ("Texas", "rule", "Tex. R. Civ. P.", ["Tex. R. Civ. P.", "TEX. R. CIV. P.", "Texas Rule of Civil Procedure"], ""),
    ("Texas", "rule", "Tex. R. App. P.", ["Tex. R. App. P.", "TEX. R. APP. P.", "Texas Rule of Appellate Procedure"], ""),
    ("Texas", "rule", "Tex. R. Evid.", ["Tex. R. Evid.", "TEX. R. EVID.", "Texas Rule of Evidence"], ""),
    # New York
    ("New York", "statute", "N.Y. C.P.L.R.", ["N.Y. C.P.L.R.", "CPLR", "C.P.L.R.", "N.Y. CPLR"], ""),
    ("New York", "statute", "N.Y. Crim. Proc. Law", ["CPL", "N.Y. Crim. Proc. Law"], "bare"),
    ("New York", "regulation", "N.Y. Comp. Codes R. & Regs.", ["NYCRR", "N.Y.C.R.R."], "title"),
    # New York's consolidated laws by their names (`Public Health Law § 2801-a`).
] + [
    ("New York", "statute", f"N.Y. {name}", [name], "")
    for name in [
        "Penal Law", "Public Health Law", "Vehicle and Traffic Law", "Domestic Relations Law",
        "Family Court Act", "Labor Law", "General Obligations Law", "Insurance Law",
        "Executive Law", "Real Property Law", "Real Property Actions and Proceedings Law",
        "Business Corporation Law", "General Municipal Law", "Education Law",
        "Social Services Law", "Correction Law", "Judiciary Law", "Civil Service Law",
        "Workers' Compensation Law", "Estates, Powers and Trusts Law", "Banking Law",
        "Election Law", "Mental Hygiene Law", "Tax Law", "Town Law", "Village Law",
        "Criminal Procedure Law", "Environmental Conservation Law", "General Business Law",
        "Surrogate's Court Procedure Act", "Limited Liability Company Law",
    ]
] + [
    # Florida
    ("Florida", "rule", "Fla. R. Civ. P.", ["Fla. R. Civ. P.", "Florida Rule of Civil Procedure"], ""),
    ("Florida", "rule", "Fla. R. Crim. P.", ["Fla. R. Crim. P.", "Florida Rule of Criminal Procedure"], ""),
    ("Florida", "rule", "Fla. R. App. P.", ["Fla. R. App. P."], ""),
    # Georgia
    ("Georgia", "statute", "Ga. Code Ann.", ["O.C.G.A.", "OCGA"], ""),
    # Ohio
    ("Ohio", "statute", "Ohio Rev. Code", ["R.C.", "Ohio Rev. Code", "Ohio Rev. Code Ann.", "ORC"], ""),
    ("Ohio", "rule", "Ohio R. Civ. P.", ["Civ.R.", "Ohio Civ.R.", "Ohio R. Civ. P."], ""),
    ("Ohio", "rule", "Ohio R. Crim. P.", ["Crim.R.", "Ohio Crim.R.", "Ohio R. Crim. P."], ""),
    ("Ohio", "rule", "Ohio R. Evid.", ["Evid.R.", "Ohio R. Evid."], ""),
    ("Ohio", "rule", "Ohio R. App. P.", ["App.R.", "Ohio R. App. P."], ""),
    # Michigan
    ("Michigan", "statute", "Mich. Comp. Laws", ["MCL", "M.C.L.", "Mich. Comp. Laws", "Mich. Comp. Laws Ann."], "bare"),
    ("Michigan", "statute", "Mich. Comp. Laws Ann.", ["MCLA", "M.C.L.A."], "bare"),
    ("Michigan", "statute", "Mich. Stat. Ann.", ["MSA", "M.S.A."], "bare"),
    ("Michigan", "rule", "Mich. Ct. R.", ["MCR", "M.C.R.", "Mich. Ct. R."], "bare"),
    ("Michigan", "rule", "Mich. R. Evid.", ["MRE", "Mich. R. Evid."], "bare"),
    # Washington
    ("Washington", "statute", "Wash. Rev. Code", ["RCW", "Wash. Rev. Code", "Wash. Rev. Code Ann."], "bare"),
    ("Washington", "rule", "Wash. R. App. P.", ["Wash. R. App. P."], ""),
    # Oregon
    ("Oregon", "statute", "Or. Rev. Stat.", ["ORS", "Or. Rev. Stat."], "bare"),
    ("Oregon", "rule", "Or. R. Civ. P.", ["ORCP", "Or. R. Civ. P."], "bare"),
    # New Jersey
    ("New Jersey", "statute", "N.J. Stat. Ann.", ["N.J.S.A.", "N.J. Stat. Ann.", "N.J.S."], ""),
    # Colorado
    ("Colorado", "statute", "Colo. Rev. Stat.", ["C.R.S.", "Colo. Rev. Stat.", "Colo. Rev. Stat. Ann."], ""),
    ("Colorado", "rule", "Colo. R. Civ. P.", ["C.R.C.P.", "Colo. R. Civ. P."], ""),
    # Massachusetts
    ("Massachusetts", "statute", "Mass. Gen. Laws", ["G.L.", "G. L."], "chapter"),
    ("Massachusetts", "rule", "Mass. R. Civ. P.", ["Mass. R. Civ. P."], ""),
    ("Massachusetts", "rule", "Mass. R. Crim. P.", ["Mass. R. Crim. P."], ""),
    # Connecticut
    ("Connecticut", "statute", "Conn. Gen. Stat.", ["General Statutes", "Conn. Gen. Stat.", "Conn. Gen. Stat. Ann."], ""),
    ("Connecticut", "rule", "Conn. Practice Book", ["Practice Book"], ""),
    # Kansas
    ("Kansas", "statute", "Kan. Stat. Ann.", ["K.S.A.", "Kan. Stat. Ann."], ""),
    # Missouri
    ("Missouri", "statute", "Mo. Rev. Stat.", ["Mo. Rev. Stat."], ""),
    # Maryland
    ("Maryland", "rule", "Md. Rule", ["Md. Rule", "Maryland Rule"], ""),
    # North Carolina
    ("North Carolina", "statute", "N.C. Gen. Stat.", ["N.C.G.S.", "N.C. Gen. Stat.", "N.C. Gen. Stat. Ann."], ""),
    ("North Carolina", "rule", "N.C. R. Civ. P.", ["N.C. R. Civ. P."], ""),
    # Louisiana
    ("Louisiana", "statute", "La. Rev. Stat.", ["La. R.S.", "La. Rev. Stat.", "La. Rev. Stat. Ann.", "La.R.S."], ""),
    ("Louisiana", "statute", "La. Code Civ. Proc.", ["La. C.C.P.", "La. Code Civ. P.", "La. Code Civ. Proc."], ""),
    ("Louisiana", "statute", "La. Civ. Code", ["La. C.C.", "La. Civ. Code"], ""),
    ("Louisiana", "statute", "La. Code Crim. Proc.", ["La. C.Cr.P.", "La. Code Crim. P.", "La. Code Crim. Proc."], ""),
    # Arizona
    ("Arizona", "statute", "Ariz. Rev. Stat.", ["A.R.S.", "Ariz. Rev. Stat.", "Ariz. Rev. Stat. Ann."], ""),
    ("Arizona", "rule", "Ariz. R. Civ. P.", ["Ariz. R. Civ. P."], ""),
    # Nevada
    ("Nevada", "statute", "Nev. Rev. Stat.", ["NRS", "Nev. Rev. Stat."], "bare"),
    ("Nevada", "rule", "Nev. R. Civ. P.", ["NRCP", "Nev. R. Civ. P."], "bare"),
    # Hawaii
    ("Hawaii", "statute", "Haw. Rev. Stat.", ["HRS", "Haw. Rev. Stat."], "bare"),
    # South Dakota, North Dakota, New Mexico, New Hampshire
    ("South Dakota", "statute", "S.D. Codified Laws", ["SDCL", "S.D. Codified Laws"], "bare"),
    ("North Dakota", "statute", "N.D. Cent. Code", ["N.D.C.C.", "N.D. Cent. Code"], ""),
    ("New Mexico", "statute", "N.M. Stat. Ann.", ["NMSA 1978,", "NMSA", "N.M. Stat. Ann."], "bare"),
    ("New Hampshire", "statute", "N.H. Rev. Stat. Ann.", ["RSA", "N.H. Rev. Stat. Ann."], "bare"),
    # Titled codes of the Northeast and Oklahoma
    ("Delaware", "statute", "Del. Code", ["Del. C.", "Del. Code", "Del. Code Ann."], "title"),
    ("Vermont", "statute", "Vt. Stat. Ann.", ["V.S.A.", "Vt. Stat. Ann."], "title"),
    ("Maine", "statute", "Me. Rev. Stat.", ["M.R.S.", "M.R.S.A.", "Me. Rev. Stat.", "Me. Rev. Stat. Ann."], "title"),
    ("Oklahoma", "statute", "Okla. Stat.", ["O.S.", "Okla. Stat."], "title"),
    # Other states' procedure rules, Bluebook form (rule 12.9.3).
] + [
    (state, "rule", f"{abbr} R. {word}.", [f"{abbr} R. {word}."], "")
    for state, abbr in [
        ("Alabama", "Ala."), ("Alaska", "Alaska"), ("Arkansas", "Ark."), ("Connecticut", "Conn."),
        ("Delaware", "Del."), ("Georgia", "Ga."), ("Hawaii", "Haw."), ("Idaho", "Idaho"),
        ("Indiana", "Ind."), ("Iowa", "Iowa"), ("Kansas", "Kan."), ("Maine", "Me."),
        ("Minnesota", "Minn."), ("Mississippi", "Miss."), ("Missouri", "Mo."),
        ("Montana", "Mont."), ("Nebraska", "Neb."), ("New Hampshire", "N.H."),
        ("New Jersey", "N.J."), ("New Mexico", "N.M."), ("North Dakota", "N.D."),
        ("Oklahoma", "Okla."), ("Rhode Island", "R.I."), ("South Carolina", "S.C."),
        ("South Dakota", "S.D."), ("Tennessee", "Tenn."), ("Utah", "Utah"), ("Vermont", "Vt."),
        ("Virginia", "Va."), ("West Virginia", "W. Va."), ("Wisconsin", "Wis."),
        ("Wyoming", "Wyo."), ("District of Columbia", "D.C."), ("Washington", "Wash."),
        ("Oregon", "Or."), ("Colorado", "Colo."), ("Michigan", "Mich."), ("Nevada", "Nev."),
        ("Ohio", "Ohio"), ("Kentucky", "Ky."), ("New York", "N.Y."), ("Georgia", "Ga."),
    ]
    for word in ["Civ. P", "Crim. P", "App. P", "Evid"]
]

# Hand-added subject patterns (prefix, suffix, canonical): reporters-db knows
# Texas codes only with `Ann.` (`Tex. Penal Code Ann. §`); courts often drop it.
EXTRA_LAW_PATTERNS = [("Tex.", "Code", "Tex. Code")]

# The Securities Exchange Act rules (`Rule 10b-5`, `Rule 14a-9`) are sections
# of 17 C.F.R. part 240, not court rules (their number: digits, a letter, a
# dash, digits).
EXCHANGE_ACT_RULES = {"title": "17", "code": "C.F.R.", "part": "240"}

# reporters-db laws whose citation form has no section sign and no number
# before the name (the volume scan finds those): `La. Civ. Code Ann. art 51`,
# `Ala. Admin. Code r. 218`, `Minn. R. 6`, `Ga. Comp. R. & Regs. 708-5.918`.
NO_SIGN_FORMS = [
    r"^\$reporter art ",
    r"^\$reporter r\\?\. ",
    r"^\$reporter \(\?P<(?:rule|reg)>",
    r"^\$reporter \$law_section",
]


def spellings(written):
    """A dotted form as courts space it: `Pa.R.C.P.`, `Pa. R.C.P.`, `Pa. R. C. P.`."""
    out = {written}
    tight = re.sub(r"\.\s+", ".", written)
    if tight != written or "." in written:
        out.add(tight)
        out.add(re.sub(r"\.(?=[A-Za-z])", ". ", tight))
        # `Pa. R.C.P.`: a space after the jurisdiction only.
        first = tight.find(".")
        if 0 < first < len(tight) - 1:
            out.add(tight[: first + 1] + " " + tight[first + 1:])
    return sorted(s for s in out if s)


def gen_laws(sp):
    """data/laws.json: HAND_LAWS and the no-sign codes of reporters-db."""
    laws = load(os.path.join(sp, "reporters_db", "data", "laws.json"))
    entries = []
    for key in sorted(laws):
        for src in laws[key]:
            if src["cite_type"] not in ("leg_statute", "admin_compilation"):
                continue
            for rx in src.get("regexes") or []:
                if not any(re.match(p, rx) for p in NO_SIGN_FORMS):
                    continue
                kind = "regulation" if src["cite_type"].startswith("admin") else "statute"
                entries.append({
                    "jurisdiction": src["jurisdiction"], "kind": kind, "canonical": key,
                    "written": sorted({key, *src.get("variations", [])}),
                    "title": False, "bare": False, "chapter": False,
                    "source": "reporters-db",
                })
                break
    for state, kind, canonical, written, opt in HAND_LAWS:
        forms = sorted({s for w in written for s in spellings(w)})
        entries.append({
            "jurisdiction": state, "kind": kind, "canonical": canonical, "written": forms,
            "title": opt == "title", "bare": opt == "bare", "chapter": opt == "chapter", "source": "hand",
        })
    # One spelling, one entry: the first listed (reporters-db before hand) wins.
    seen = set()
    for e in entries:
        e["written"] = [w for w in e["written"] if w not in seen]
        seen.update(e["written"])
    entries = [e for e in entries if e["written"]]
    return {
        "source": f"reporters-db {REPORTERS_DB_VERSION} laws.json (no-sign forms) and hand tables",
        "codes": entries,
        "exchange_act_rules": EXCHANGE_ACT_RULES,
    }


# court id -> extra parenthetical spellings (compared like citation strings:
# punctuation and spaces removed, lower-cased).
COURT_ALIASES = {
    "calctapp": ["Cal. App.", "Cal. Ct. App.", "Cal.App."],
    "cadc": ["D.C. Cir."],
    "cafc": ["Fed. Cir."],
    "uscfc": ["Fed. Cl.", "Ct. Fed. Cl."],
    "pasuperct": ["Pa. Super.", "Pa.Super."],
    "pacommwct": ["Pa. Commw.", "Pa. Cmwlth."],
    "nyappdiv": ["N.Y. App. Div."],
    "texapp": ["Tex. App."],
    "bap9": ["B.A.P. 9th Cir.", "9th Cir. BAP", "9th Cir. B.A.P."],
}

# Bluebook T10: the jurisdictions of courts-db's courts.
GEOGRAPHY = {
    "Alabama": "Ala.", "Alaska": "Alaska", "Arizona": "Ariz.", "Arkansas": "Ark.",
    "California": "Cal.", "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.",
    "District of Columbia": "D.C.", "Florida": "Fla.", "Georgia": "Ga.", "Hawaii": "Haw.",
    "Idaho": "Idaho", "Illinois": "Ill.", "Indiana": "Ind.", "Iowa": "Iowa", "Kansas": "Kan.",
    "Kentucky": "Ky.", "Louisiana": "La.", "Maine": "Me.", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.",
    "Missouri": "Mo.", "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.",
    "New Hampshire": "N.H.", "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.",
    "North Carolina": "N.C.", "North Dakota": "N.D.", "Ohio": "Ohio", "Oklahoma": "Okla.",
    "Oregon": "Or.", "Pennsylvania": "Pa.", "Rhode Island": "R.I.", "South Carolina": "S.C.",
    "South Dakota": "S.D.", "Tennessee": "Tenn.", "Texas": "Tex.", "Utah": "Utah",
    "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W. Va.",
    "Wisconsin": "Wis.", "Wyoming": "Wyo.", "American Samoa": "Am. Samoa", "Guam": "Guam",
    "Northern Mariana Islands": "N. Mar. I.", "Puerto Rico": "P.R.", "Virgin Islands": "V.I.",
    "Dakota": "Dakota",
}
TERRITORIES = {"American Samoa", "Guam", "Northern Mariana Islands", "Puerto Rico",
               "Virgin Islands"}
# courts-db "location" values spelled otherwise than GEOGRAPHY's keys.
LOCATION_ALIASES = {
    "Washington D.C.": "District of Columbia", "Washignton D.C.": "District of Columbia",
    "D.C.": "District of Columbia", "DC": "District of Columbia", "Dakota Territory": "Dakota",
}
# Bluebook T7 (court names) and the T6 words court names use.
COURT_WORDS = {
    "Administrative": "Admin.", "Admiralty": "Admiralty", "And": "&", "and": "&",
    "Appeal": "App.", "Appeals": "App.", "Appellate": "App.", "Bankruptcy": "Bankr.",
    "Board": "Bd.", "Chancery": "Ch.", "Children's": "Child.", "Circuit": "Cir.",
    "Civil": "Civ.", "Claims": "Cl.", "Commission": "Comm'n", "Common": "Com.",
    "Commonwealth": "Commw.", "Compensation": "Comp.", "Corporation": "Corp.",
    "Counties": "Cntys.", "County": "Cnty.", "Court": "Ct.", "Courts": "Ct.",
    "Criminal": "Crim.", "Department": "Dep't", "District": "Dist.", "Districts": "Dist.",
    "Division": "Div.", "Domestic": "Dom.", "Environmental": "Env't", "Equity": "Eq.",
    "Errors": "Err.", "Family": "Fam.", "Federal": "Fed.", "General": "Gen.",
    "Housing": "Hous.", "Intermediate": "Interm.", "International": "Int'l",
    "Judicial": "Jud.", "Justice": "Just.", "Juvenile": "Juv.", "Magistrate": "Mag.",
    "Magistrates": "Mag.", "Military": "Mil.", "Municipal": "Mun.", "Orphan's": "Orphans'",
    "Pleas": "Pl.", "Probate": "Prob.", "Quarter": "Q.", "Recorder's": "Rec.",
    "Relations": "Rel.", "Review": "Rev.", "Sessions": "Sess.", "Special": "Spec.",
    "Superior": "Super.", "Supreme": "Sup.", "Surrogate's": "Sur.", "Surrogates": "Sur.",
    "Territory": "Terr.",
}
COURT_NAME_DROP = {"of", "Of", "the", "The", "for", "For", "in", "at", "a"}
COURT_ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
                  "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth",
                  "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth",
                  "Twentieth"]
DISTRICT_DIRECTIONS = {"Northern": "N.", "Southern": "S.", "Eastern": "E.", "Western": "W.",
                       "Middle": "M.", "Central": "C."}
# Bluebook forms no rule below gives, and courts-db names with typos.
COURT_ABBREVIATION_OVERRIDES = {
    "scotus": "U.S.",  # courts-db: "SCOTUS"; the Bluebook's parenthetical form
    "cma": "C.M.A.", "usafctmilrev": "A.F.C.M.R.", "usarmymilrev": "A.C.M.R.",
    "fisc": "FISA Ct.", "fiscr": "FISA Ct. Rev.", "nmi": "N. Mar. I.",
    "ny": "N.Y.",  # courts-db: "NY"
    "risuperct": "R.I. Super. Ct.",  # courts-db: "Sup. Ct. R.I.", which reads as a supreme court
    "cosuperct": "Colo. Super. Ct.",  # courts-db name: "Coloardo Superior Court"
    "washsuperct": "Wash. Super. Ct.",  # courts-db name: "Washingon Superior Court"
}

# Dotted words of the reporters and courts data that are ordinary words and
# end sentences in opinions ("... sued the Bank. The court ...").
NOT_ABBREVIATIONS = {
    "Armstrong.", "Bank.", "Bigelow.", "Bull.", "Can.", "Car.", "Case.", "Child.",
    "Circuit.", "Code.", "Cole.", "Cox.", "Law.", "Term.", "Act.", "Acts.", "Cases.",
    "Court.", "Courts.", "Part.", "Plan.", "Rule.", "Rules.", "Report.", "Reports.",
    "State.", "States.", "Tax.", "Trial.", "Will.", "Wills.",
    "Add.", "All.", "An.", "Bee.", "Ben.", "Black.", "Bond.", "Brown.", "Cain.",
    "Camp.", "Chase.", "Cold.", "Dan.", "Davis.", "Day.", "Den.", "Dick.", "Fish.",
    "Found.", "Free.", "Hall.", "Hand.", "Hard.", "Hom.", "How.", "Hughes.", "Human.",
    "Hunt.", "John.", "Johns.", "Just.", "Land.", "Laws.", "Lea.", "Lead.", "Legal.",
    "Life.", "Lock.", "Low.", "Man.", "Mar.", "Marsh.", "Mason.", "Me.", "Memo.",
    "Mills.", "Min.", "Mod.", "Mon.", "News.", "Nor.", "Notes.", "Oh.", "Ohio.",
    "On.", "Or.", "Par.", "Park.", "Pen.", "Pet.", "Pick.", "Pin.", "Pitt.", "Port.",
    "Rand.", "Reporter.", "Rest.", "Rich.", "Rob.", "Sand.", "Series.", "Sick.",
    "Sol.", "South.", "Stand.", "Stock.", "Story.", "Sum.", "Temp.", "Ten.", "Utah.",
    "Walk.", "Wall.", "Ware.", "Week.", "West.", "Wheeler.", "Win.", "Wood.",
    "Woods.", "Work.", "Works.",
}

# Abbreviations of ordinary legal prose that the data above lacks. "Id." is
# not one: it ends a citation sentence ("... deficient. Id. Next, ...").
PROSE_ABBREVIATIONS = [
    "v.", "vs.", "e.g.", "i.e.", "cf.", "Cf.", "cert.", "viz.", "etc.", "ibid.",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Jr.", "Sr.", "St.", "Hon.", "Gov.", "Sen.", "Rep.",
    "Prof.", "Gen.", "Lt.", "Sgt.", "Capt.", "Det.", "Atty.", "Dep.", "Ofc.", "Supt.",
    "No.", "Nos.", "no.", "nos.", "p.", "pp.", "n.", "nn.", "fn.", "ch.", "art.", "Art.",
    "cl.", "para.", "subd.", "subsec.", "sec.", "Sec.", "ss.", "Ch.", "Ex.", "Exh.",
    "Vol.", "vol.", "ed.", "eds.", "supp.", "Supp.", "amend.", "Amend.", "Const.",
    "approx.", "Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "Ass'n.", "Dist.", "Div.",
    "Cir.", "Ct.", "App.", "Cal.", "Fed.", "Reg.", "Stat.", "Ann.", "Rev.", "Civ.",
    "Crim.", "Proc.", "Evid.", "Admin.", "Mun.", "Cty.", "Cnty.", "Twp.", "Dept.",
    "Mass.", "Ill.", "Wash.", "Ind.", "Conn.", "Mich.", "Minn.", "Miss.", "Tenn.",
]

# Words a citation sentence may hold besides its citations: signals,
# connectors, subsequent history and the furniture of pins and notes.
# Compared lower-cased, word by word.
PROSE_CITATION_WORDS = [
    "see", "also", "generally", "but", "cf", "compare", "with", "accord", "contra",
    "e.g", "eg", "and", "or", "citing", "quoting", "cited", "quoted", "in", "at",
    "id", "ibid", "supra", "infra", "note", "n", "nn", "fn", "p", "pp", "para",
    "cert", "denied", "granted", "dismissed", "aff'd", "affd", "rev'd", "revd",
    "affirmed", "reversed", "vacated", "modified", "overruled", "abrogated",
    "superseded", "on", "other", "grounds", "by", "sub", "nom", "mem", "reh'g",
    "rehg", "en", "banc", "part", "in part", "as", "stated", "statute", "same",
    "emphasis", "added", "omitted", "internal", "quotation", "marks", "citation",
    "citations", "alteration", "alterations", "original", "page", "the", "of",
    "review", "sup", "ct", "appeal", "pet", "ref'd", "refd", "writ", "no", "ref",
    "dism'd", "dismd", "hist", "r", "nre", "per", "curiam", "dissenting",
    "concurring", "opinion", "plurality", "syl", "pt", "syllabus", "point",
    "paragraph", "headnote", "pet'n", "prob", "juris", "noted", "table", "et",
    "seq", "al", "fn", "&", "later", "proceeding", "proceedings", "discretionary",
    "etc", "ex", "rel", "re", "v", "vs", "d/b/a", "passim", "app'x", "unpublished",
    "mem", "op", "slip", "ann", "supp", "rev", "stat", "code", "sec", "subd", "art",
    "cl", "ch", "amend", "const", "pt", "tit", "rule", "rules", "ibid", "cited in",
    "applying", "law", "also", "e.g.", "i.e", "see also", "nn", "fns", "§", "§§",
]

# Subsequent history: what happened to an authority elsewhere. `negative`:
# the authority's holding no longer stands as cited (the gold and the scorer
# read overruled, abrogated, superseded, reversed, vacated as negative).
PROSE_HISTORY = [
    {"phrase": "overruled", "negative": True},
    {"phrase": "overruling", "negative": True},
    {"phrase": "abrogated", "negative": True},
    {"phrase": "superseded", "negative": True},
    {"phrase": "reversed", "negative": True},
    {"phrase": "rev'd", "negative": True},
    {"phrase": "vacated", "negative": True},
    {"phrase": "disapproved", "negative": True},
    {"phrase": "aff'd", "negative": False},
    {"phrase": "affirmed", "negative": False},
    {"phrase": "modified", "negative": False},
    {"phrase": "cert. denied", "negative": False},
    {"phrase": "cert.denied", "negative": False},
    {"phrase": "cert denied", "negative": False},
    {"phrase": "cert. granted", "negative": False},
    {"phrase": "cert. dismissed", "negative": False},
    {"phrase": "review denied", "negative": False},
    {"phrase": "reh'g denied", "negative": False},
    {"phrase": "appeal dismissed", "negative": False},
    {"phrase": "appeal denied", "negative": False},
    {"phrase": "writ denied", "negative": False},
    {"phrase": "writ refused", "negative": False},
    {"phrase": "pet. ref'd", "negative": False},
    {"phrase": "pet. denied", "negative": False},
]

# What the citing court does with an authority, and where the authority it
# is done to stands: `after` the phrase ("we decline to follow X", "unlike
# X"), or `before` it ("X is distinguishable", "reliance on X is misplaced").
# A phrase matches whole words only ("unlike" is not in "unlikely").
PROSE_TREATMENT = [
    {"phrase": "decline to follow", "kind": "negative", "target": "after"},
    {"phrase": "declines to follow", "kind": "negative", "target": "after"},
    {"phrase": "declined to follow", "kind": "negative", "target": "after"},
    {"phrase": "refuse to follow", "kind": "negative", "target": "after"},
    {"phrase": "decline to adopt", "kind": "negative", "target": "after"},
    {"phrase": "decline to extend", "kind": "negative", "target": "after"},
    {"phrase": "disagree with", "kind": "negative", "target": "after"},
    {"phrase": "not persuaded by", "kind": "negative", "target": "after"},
    {"phrase": "reject", "kind": "negative", "target": "after"},
    {"phrase": "overrule", "kind": "negative", "target": "after"},
    {"phrase": "disapprove", "kind": "negative", "target": "after"},
    {"phrase": "criticize", "kind": "negative", "target": "after"},
    {"phrase": "depart from", "kind": "negative", "target": "after"},
    {"phrase": "unpersuasive", "kind": "negative", "target": "before"},
    {"phrase": "not persuasive", "kind": "negative", "target": "before"},
    {"phrase": "wrongly decided", "kind": "negative", "target": "before"},
    {"phrase": "no longer good law", "kind": "negative", "target": "before"},
    {"phrase": "distinguishable", "kind": "distinguishing", "target": "before"},
    {"phrase": "inapposite", "kind": "distinguishing", "target": "before"},
    {"phrase": "misplaced", "kind": "distinguishing", "target": "before"},
    {"phrase": "not applicable", "kind": "distinguishing", "target": "before"},
    {"phrase": "inapplicable", "kind": "distinguishing", "target": "before"},
    {"phrase": "does not apply", "kind": "distinguishing", "target": "before"},
    {"phrase": "do not apply", "kind": "distinguishing", "target": "before"},
    {"phrase": "not controlling", "kind": "distinguishing", "target": "before"},
    {"phrase": "unlike", "kind": "distinguishing", "target": "after"},
    {"phrase": "distinguish", "kind": "distinguishing", "target": "after"},
    {"phrase": "we follow", "kind": "positive", "target": "after"},
    {"phrase": "we adopt", "kind": "positive", "target": "after"},
    {"phrase": "agree with", "kind": "positive", "target": "after"},
    {"phrase": "bound by", "kind": "positive", "target": "after"},
    {"phrase": "controlling", "kind": "positive", "target": "before"},
    # The court says in so many words that it does not rely on the
    # authority it mentions: neither support nor criticism.
    {"phrase": "do not rely on", "kind": "neutral", "target": "after"},
    {"phrase": "need not rely on", "kind": "neutral", "target": "after"},
    {"phrase": "do not rest our conclusion", "kind": "neutral", "target": "after"},
    {"phrase": "do not rest our decision", "kind": "neutral", "target": "after"},
]

# Words that refer back (or forward, to the next sentence) to a cited
# authority without naming it. Lower-case; "court" ones refer to a case.
PROSE_ANAPHORS = [
    "it", "that case", "this case", "the case", "these cases", "those cases",
    "each of these cases", "the cases", "cases", "that decision", "this decision",
    "the decision", "that opinion", "the opinion", "that holding", "the holding",
    "its holding", "that court", "the authority", "the authorities", "the statute",
    "this statute", "that statute", "the rule", "this rule", "that rule",
    "the provision", "this provision", "that rationale", "the rationale",
]

# Verbs that report what a party (not the court) says: a treatment phrase in
# such a clause is the party's ("Romo argues that Svedlund does not apply").
PROSE_PARTY_CUES = [
    "argue", "argues", "argued", "contend", "contends", "contended", "assert",
    "asserts", "asserted", "claim", "claims", "claimed", "urge", "urges", "urged",
    "maintain", "maintains", "suggest", "suggests", "asked", "asks", "invites",
    "request", "requests", "insist", "insists", "submits", "posits", "responds",
    "relies", "rely", "relied", "cites", "cite", "cited",
]

# Openings of sentences that report the case's own proceedings, not a point
# of law ("The indictment charged ...", "X appeals from ..."): such a
# sentence is what the citation is cited for, but it is no proposition.
PROSE_PROCEDURAL = [
    "indictment charged", "information charged", "was charged with",
    "were charged with", "was indicted", "were indicted", "was convicted",
    "were convicted", "appeals from", "appealed from", "filed a complaint",
    "filed suit", "filed this action", "filed a motion", "filed a petition",
    "moved to dismiss", "moved for", "pleaded guilty", "pled guilty",
    "was sentenced", "were sentenced", "brought this action", "commenced this action",
    "the jury found", "the jury returned", "the trial court entered",
]

ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "nineth", "tenth", "eleventh", "twelveth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
]
# courts_db.utils.ordinals continues with "twenty(-| )first" ... "one[- ]hundredth".
for _tens, _name in [("twenty", "twentieth"), ("thirty", "thirtieth"),
                     ("fourty", "fortieth"), ("fifty", "fiftieth"),
                     ("sixty", "sixtieth"), ("seventy", "seventieth"),
                     ("eighty", "eightieth"), ("ninety", "ninetieth")]:
    if _name != "twentieth":
        ORDINALS.append(_name)
    for _unit in ["first", "secondth", "third", "fourth", "fifth", "sixth",
                  "seventh", "eighth", "nineth"]:
        ORDINALS.append(f"{_tens}(-| ){_unit}")
ORDINALS.append("one[- ]hundredth")


def ensure_site_packages(arg):
    if arg:
        return arg
    venv = os.path.join(ROOT, ".venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    have = subprocess.run(
        [py, "-m", "pip", "show", "reporters-db", "courts-db"],
        capture_output=True, text=True).stdout
    if (f"Version: {REPORTERS_DB_VERSION}" not in have
            or f"Version: {COURTS_DB_VERSION}" not in have):
        subprocess.check_call([py, "-m", "pip", "install", "--quiet",
                               f"reporters-db=={REPORTERS_DB_VERSION}",
                               f"courts-db=={COURTS_DB_VERSION}"])
    return subprocess.check_output(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def year(s):
    return int(s[:4]) if s else None


def law_forms(templates, key):
    """How a law is cited: "volume" (a number precedes the name) and/or "named"."""
    forms = set()
    pattern = None
    for t in templates:
        m = re.match(r"\(\?P<reporter>(.*?)\)", t)
        if m:
            # e.g. "Cal\\. $law_subject Code" -> prefix "Cal.", suffix "Code"
            inner = m.group(1).replace("\\", "")
            pre, _, suf = inner.partition("$law_subject")
            pattern = {"prefix": pre.strip(), "suffix": suf.strip()}
            forms.add("named")
        elif t.startswith("$reporter $law_subject"):
            # "N.Y. Empl. § 85": the name is followed by a free subject.
            pattern = {"prefix": key, "suffix": ""}
            forms.add("named")
        elif t.startswith("$reporter"):
            forms.add("named")
        elif "$reporter" in t and re.match(r"(\$volume|\$law_year|\(\?P<\w+>\\d)", t):
            forms.add("volume")
    return sorted(forms), pattern


def gen_reporters(sp):
    rdir = os.path.join(sp, "reporters_db", "data")
    reporters = load(os.path.join(rdir, "reporters.json"))
    journals = load(os.path.join(rdir, "journals.json"))
    laws = load(os.path.join(rdir, "laws.json"))

    editions = []
    seen_canonical = set()
    for key in sorted(reporters):
        for src in reporters[key]:
            name = src["name"]
            ct = src["cite_type"]
            # eyecite.models.Reporter.is_scotus
            scotus = (ct == "federal" and "supreme" in name.lower()) or "scotus" in ct.lower()
            scotus = scotus or key in EXTRA_SCOTUS_REPORTERS
            for ed in sorted(src["editions"]):
                data = src["editions"][ed]
                variants = sorted(k for k, v in src["variations"].items() if v == ed)
                e = {
                    "canonical": ed, "reporter": key, "name": name, "kind": "case",
                    "cite_type": ct, "start": year(data.get("start")),
                    "end": year(data.get("end")), "variants": variants,
                }
                if scotus:
                    e["scotus"] = True
                editions.append(e)
                seen_canonical.add(ed)
    for x in EXTRA_REPORTERS:
        if x["canonical"] in seen_canonical:
            continue
        editions.append({
            "canonical": x["canonical"], "reporter": x["canonical"], "name": x["name"],
            "kind": "case", "cite_type": x["cite_type"], "start": None, "end": None,
            "variants": sorted(x["variants"]), "hand_added": True,
        })
    for key in sorted(journals):
        for src in journals[key]:
            editions.append({
                "canonical": key, "reporter": key, "name": src["name"], "kind": "journal",
                "cite_type": src["cite_type"], "start": year(src.get("start")),
                "end": year(src.get("end")), "variants": sorted(src.get("variations") or []),
            })
    for key in sorted(laws):
        for src in laws[key]:
            forms, pattern = law_forms(src.get("regexes") or ["$full_cite"], key)
            e = {
                "canonical": key, "reporter": key, "name": src["name"], "kind": "law",
                "cite_type": src["cite_type"], "start": year(src.get("start")),
                "end": year(src.get("end")), "variants": sorted(src.get("variations") or []),
                "forms": forms,
            }
            if pattern:
                e["pattern"] = pattern
            editions.append(e)
    for prefix, suffix, canonical in EXTRA_LAW_PATTERNS:
        editions.append({
            "canonical": canonical, "reporter": canonical, "name": canonical, "kind": "law",
            "cite_type": "leg_statute", "start": None, "end": None, "variants": [],
            "forms": ["named"], "pattern": {"prefix": prefix, "suffix": suffix},
            "hand_added": True,
        })
    return {
        "source": f"reporters-db {REPORTERS_DB_VERSION}",
        "editions": editions,
    }


def single_capitals(token):
    return re.fullmatch(r"(?:[A-Z]\.)+", token) is not None


def join_abbreviations(parts):
    """Joins abbreviations with spaces, closing up adjacent single capitals
    (Bluebook rule 6.1(a)): "S.D." "N.Y." -> "S.D.N.Y."; "C.C." "D." "Ariz." ->
    "C.C.D. Ariz."."""
    out = ""
    for t in (t for p in parts if p for t in p.split()):
        if out and not (single_capitals(t) and single_capitals(out.split(" ")[-1])):
            out += " "
        out += t
    return out


def court_state(c):
    loc = LOCATION_ALIASES.get(c.get("location") or "", c.get("location") or "")
    if loc in GEOGRAPHY:
        return loc
    for state in sorted(GEOGRAPHY, key=len, reverse=True):
        if re.search(r"\b" + re.escape(state) + r"\b", c["name"]):
            return state
    return None


def court_ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def court_name_words(name, state):
    """Rule 5: the words of a court's name without its jurisdiction, abbreviated."""
    t = name.split("/")[-1]  # "Tribunal De Apelaciones De Puerto Rico/Court of Appeals of …"
    t = re.sub(r"\bUnited States\b|\bU\.? ?S\.?(?= )", "U.S.", t)
    t = re.sub(r"\bDistrict of Columbia\b", "D.C.", t)
    if state:
        for form in [f"State of {state}", f"Commonwealth of {state}", state]:
            t = re.sub(r"\b" + re.escape(form) + r"(?:'s)?(?!\w)", "", t)
    t = re.sub(r"\([^)]*\)", "", t)
    t = re.sub(r",\s*(?:[A-Z][a-z]{1,3}\.|[A-Z]{2})\s*$", "", t)  # "…, Va." / "…, FL"
    words = []
    for w in t.replace(",", " ").split():
        if w in COURT_NAME_DROP:
            continue
        if w in COURT_ORDINALS:
            words.append(court_ordinal(COURT_ORDINALS.index(w) + 1))
        elif re.fullmatch(r"\d+(?:st|nd|rd|th)?", w):
            words.append(court_ordinal(int(re.match(r"\d+", w).group())))
        else:
            words.append(COURT_WORDS.get(w, w))
    return words


def district_form(name, state):
    """`S.D.N.Y.`, `D. Ariz.`: a federal district named in a court's name."""
    d = re.search(r"\b(" + "|".join(DISTRICT_DIRECTIONS) + r")\b", name)
    return join_abbreviations([(DISTRICT_DIRECTIONS[d.group(1)] if d else "") + "D.",
                               GEOGRAPHY[state]])


def clean_citation_string(s):
    """Rule 2: courts-db's citation string, tidied."""
    s = " ".join(s.split())
    m = re.search(r"\b((?:[NSEWMC]\.)?D\.) (" + "|".join(GEOGRAPHY) + r")$", s)
    if m:
        s = join_abbreviations([s[:m.start()], m.group(1), GEOGRAPHY[m.group(2)]])
    # courts-db abbreviates Ohio "Oh."; T10 does not abbreviate it
    s = re.sub(r"^Oh\. ", "Ohio ", s)
    # "9th Cir. BAP": the Bluebook writes "B.A.P. 9th Cir."
    s = re.sub(r"^(\d+(?:st|nd|rd|th) Cir\.) BAP$", r"B.A.P. \1", s)
    # full court words only: a place name (Washington County) is never touched
    return " ".join(COURT_WORDS[w] if w in ("Court", "Courts", "Superior", "Circuit")
                    else w for w in s.split())


def court_abbreviations(courts):
    """Court id -> Bluebook abbreviation, by the rules in the module docstring."""
    by_id = {c["id"]: c for c in courts}
    memo = {}

    def abbreviation(cid):
        if cid in memo:
            return memo[cid]
        c = by_id[cid]
        state = court_state(c)
        parent = c.get("parent")
        federal = c.get("system") == "federal"
        if cid in COURT_ABBREVIATION_OVERRIDES:
            a = COURT_ABBREVIATION_OVERRIDES[cid]
        elif c["citation_string"].strip():
            a = clean_citation_string(c["citation_string"])
        elif parent == "uscirct" and state:
            a = join_abbreviations(["C.C.", district_form(c["name"], state)])
        elif federal and state and re.search(r"\bDistrict Court\b", c["name"]):
            bankr = ["Bankr."] if "Bankruptcy" in c["name"] else []
            a = join_abbreviations(bankr + [district_form(c["name"], state)])
        elif not federal and parent in by_id and abbreviation(parent):
            a = abbreviation(parent)
        else:
            words = court_name_words(c["name"].strip(), state)
            prefixed = state and (c.get("system") == "state"
                                  or (federal and state in TERRITORIES))
            if prefixed and c.get("type") == "appellate" and words == ["Sup.", "Ct."]:
                words = []
            a = join_abbreviations(([GEOGRAPHY[state]] if prefixed else []) + words)
        memo[cid] = a
        return a

    return {c["id"]: abbreviation(c["id"]) for c in courts}


def gen_courts(sp):
    cdir = os.path.join(sp, "courts_db", "data")
    courts = load(os.path.join(cdir, "courts.json"))
    variables = load(os.path.join(cdir, "variables.json"))
    for path in sorted(glob.glob(os.path.join(cdir, "places", "*.txt"))):
        with open(path, encoding="utf-8") as p:
            variables[os.path.basename(path)[:-4]] = f"({'|'.join(p.read().splitlines())})"
    with open(os.path.join(cdir, "courts.json"), encoding="utf-8") as f:
        raw = f.read()
    for a, b in sorted(set(re.findall(r"\${(\d+)-(\d+)}", raw))):
        variables[f"{a}-{b}"] = f"(({')|('.join(ORDINALS[int(a) - 1: int(b)])}))"

    out = []
    by_id = {c["id"]: c for c in courts}
    ids = set(by_id)
    for cid in COURT_ALIASES:
        assert cid in ids, cid
    abbreviations = court_abbreviations(courts)
    for c in courts:  # courts-db order matters for eyecite's prefix rule
        e = {
            "id": c["id"], "name": c["name"], "citation_string": c["citation_string"],
            "abbreviation": abbreviations[c["id"]],
            "regex": c["regex"], "system": c.get("system") or "",
            # missing types are inherited from the parent, as courts_db.utils.load_courts_db does
            "type": c.get("type") or by_id.get(c.get("parent"), {}).get("type") or "",
        }
        if c.get("parent"):
            e["parent"] = c["parent"]
        if c["id"] in COURT_ALIASES:
            e["aliases"] = COURT_ALIASES[c["id"]]
        out.append(e)
    return {"source": f"courts-db {COURTS_DB_VERSION}", "courts": out, "variables": variables}


def gen_abbreviations(sp):
    src = load(os.path.join(sp, "reporters_db", "data", "case_name_abbreviations.json"))
    inv = {}
    for abbr, longs in src.items():
        for long in longs:
            inv.setdefault(long, set()).add(abbr)
    for long, abbrs in EXTRA_CASE_NAME_ABBREVIATIONS.items():
        inv.setdefault(long, set()).update(abbrs)
    return {k: sorted(v) for k, v in sorted(inv.items())}


def gen_prose():
    """data/prose.json from the three generated files and the PROSE_* tables."""
    reporters = load(os.path.join(DATA, "reporters.json"))
    courts = load(os.path.join(DATA, "courts.json"))
    names = load(os.path.join(DATA, "case_name_abbreviations.json"))
    words = set()

    def take(s):
        for w in (s or "").replace("(", " ").replace(")", " ").split():
            if w.endswith(".") and any(c.isalpha() for c in w):
                words.add(w)

    for e in reporters["editions"]:
        take(e.get("canonical"))
        for v in e.get("variants", []):
            take(v)
    for c in courts["courts"]:
        take(c.get("citation_string"))
        for a in c.get("aliases", []):
            take(a)
    for abbrs in names.values():
        for a in abbrs:
            take(a)
    words -= NOT_ABBREVIATIONS
    words.update(PROSE_ABBREVIATIONS)
    words.discard("Id.")
    words.discard("id.")
    return {
        "abbreviations": sorted(words),
        "anaphors": sorted(set(PROSE_ANAPHORS), key=lambda a: (-len(a), a)),
        "citation_words": sorted(set(PROSE_CITATION_WORDS)),
        "history": PROSE_HISTORY,
        "party_cues": sorted(set(PROSE_PARTY_CUES)),
        "procedural": sorted(set(PROSE_PROCEDURAL)),
        "treatment": PROSE_TREATMENT,
    }


def licence(sp, pkg, version):
    files = sorted(glob.glob(os.path.join(sp, f"{pkg}-{version}.dist-info", "licenses", "*"))
                   + glob.glob(os.path.join(sp, f"{pkg}-{version}.dist-info", "LICENSE*")))
    if not files:
        raise SystemExit(f"no LICENSE in {pkg}-{version}.dist-info")
    with open(files[0], encoding="utf-8") as f:
        return f.read().strip()


def write_json(name, obj):
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site-packages", help="directory holding reporters_db/ and courts_db/")
    ap.add_argument("--only", choices=["prose", "federal_rules", "authority_aliases"],
                    help="regenerate only data/prose.json (from the files already in data/), "
                         "data/federal_rules.json or data/authority_aliases.json")
    args = ap.parse_args()
    if args.only == "prose":
        write_json("prose.json", gen_prose())
        return
    if args.only == "federal_rules":
        write_json("federal_rules.json", gen_federal_rules())
        return
    if args.only == "authority_aliases":
        write_json("authority_aliases.json", gen_authority_aliases())
        return
    sp = ensure_site_packages(args.site_packages)
    for pkg, version in [("reporters_db", REPORTERS_DB_VERSION), ("courts_db", COURTS_DB_VERSION)]:
        if not os.path.isdir(os.path.join(sp, f"{pkg}-{version}.dist-info")):
            raise SystemExit(f"{sp} does not hold {pkg} {version}")
    os.makedirs(DATA, exist_ok=True)
    write_json("reporters.json", gen_reporters(sp))
    write_json("courts.json", gen_courts(sp))
    write_json("case_name_abbreviations.json", gen_abbreviations(sp))
    write_json("prose.json", gen_prose())
    write_json("federal_rules.json", gen_federal_rules())
    write_json("authority_aliases.json", gen_authority_aliases())
    write_json("laws.json", gen_laws(sp))
    md = f"""# Licences of the generated data

The files `reporters.json`, `laws.json` and `case_name_abbreviations.json` are derived from
**reporters-db {REPORTERS_DB_VERSION}**, and `courts.json` from **courts-db
{COURTS_DB_VERSION}**, both by the Free Law Project and distributed under the
BSD 2-Clause licence reproduced below.  A few entries are hand-added; they are
listed in `scripts/gen_legal_data.py`.  `federal_rules.json` and
`authority_aliases.json` are written by hand in that script; the popular
names of acts and their sections come from the U.S. Code's Table of Popular
Names (uscode.house.gov), a work of the United States government in the
public domain.

Regenerate (from the repository root) with:

    python3 scripts/gen_legal_data.py

(which creates `.venv/` with `pip install reporters-db=={REPORTERS_DB_VERSION}
courts-db=={COURTS_DB_VERSION}`), or with an existing install:

    python3 scripts/gen_legal_data.py --site-packages DIR

## reporters-db {REPORTERS_DB_VERSION}

```
{licence(sp, "reporters_db", REPORTERS_DB_VERSION)}
```

## courts-db {COURTS_DB_VERSION}

```
{licence(sp, "courts_db", COURTS_DB_VERSION)}
```
"""
    with open(os.path.join(DATA, "LICENSES.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(md)
    print(f"wrote {os.path.join(DATA, 'LICENSES.md')}")


if __name__ == "__main__":
    main()
