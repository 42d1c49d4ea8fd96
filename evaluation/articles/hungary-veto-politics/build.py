#!/usr/bin/env python3
"""Held-out gold for `hungary-veto-politics` (standard library only).

Spans are written as surface strings in text order; each is searched from the
end of the previous span of the same kind (entities and dates whole-word,
claims as plain substrings), so no occurrence index is needed.  The script
checks text[start:end] == surface for every span, plus the checks of the
development set's build.py (completeness of KB mentions, time words, claim
order and overlap, sentence coverage, relative-date arithmetic), then writes
annotations/<id>/gold.json and annotations/kb.jsonl.  Run: python3 build.py
"""
import datetime
import hashlib
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
ANNOTATIONS = os.path.join(HERE, "annotations")
AID = "hungary-veto-politics"
DCT = "2025-03-20"
HEADINGS = ["The art of delay", "Cheap gas, useful friends", "A challenger from within"]

# (id, label, name, aliases[, extras])
KB = [
    ("viktor-orban", "PERSON", "Viktor Orbán", ["Orbán", "Orban", "Viktor Orban"]),
    ("peter-szijjarto", "PERSON", "Péter Szijjártó", ["Szijjártó", "Szijjarto", "Peter Szijjarto"]),
    ("peter-magyar", "PERSON", "Péter Magyar", ["Magyar", "Peter Magyar"]),
    ("antal-rogan", "PERSON", "Antal Rogán", ["Rogán", "Rogan", "Antal Rogan"]),
    ("donald-trump", "PERSON", "Donald Trump", ["Trump"]),
    ("joe-biden", "PERSON", "Joe Biden", ["Biden", "Joseph Biden", "Joseph R. Biden"]),
    ("vladimir-putin", "PERSON", "Vladimir Putin", ["Putin", "Vladimir Vladimirovich Putin"]),
    ("johanna-keller", "PERSON", "Johanna Keller", ["Keller"], {"note": "fictional author"}),
    ("hungarians", "NORP", "Hungarians", ["Hungarian"]),
    ("russians", "NORP", "Russians", ["Russian"]),
    ("europeans", "NORP", "Europeans", ["European"]),
    ("westerners", "NORP", "Westerners", ["Western"]),
    ("paks-ii", "FAC", "Paks II", ["Paks II Nuclear Power Plant", "Paks 2"],
     {"note": "planned nuclear plant in Hungary, contract awarded to Rosatom in 2014"}),
    ("turkstream", "FAC", "TurkStream", ["Turkish Stream", "Turk Stream"], {"note": "gas pipeline from Russia via Turkey"}),
    ("european-union", "ORG", "European Union", ["EU", "E.U.", "Brussels"], {"wikidata": "Q458", "metonyms": ["Brussels"]}),
    ("european-commission", "ORG", "European Commission", ["Commission", "EU Commission"]),
    ("council-of-the-european-union", "ORG", "Council of the European Union", ["Council of the EU", "EU Council"]),
    ("european-parliament", "ORG", "European Parliament", ["EP"]),
    ("nato", "ORG", "North Atlantic Treaty Organization", ["NATO", "North Atlantic Alliance"], {"wikidata": "Q7184"}),
    ("fidesz", "ORG", "Fidesz", ["Fidesz – Hungarian Civic Alliance", "Fidesz-KDNP"]),
    ("tisza", "ORG", "Tisza", ["Tisza Party", "Respect and Freedom Party", "TISZA"],
     {"note": "Hungarian opposition party led by Péter Magyar since 2024"}),
    ("kremlin", "ORG", "Kremlin", ["the Kremlin"], {"note": "the Russian leadership"}),
    ("rosatom", "ORG", "Rosatom", ["State Atomic Energy Corporation Rosatom"]),
    ("gazprom", "ORG", "Gazprom", []),
    ("centre-for-danube-region-studies", "ORG", "Centre for Danube Region Studies", [], {"note": "fictional institute"}),
    ("hungary", "GPE", "Hungary", ["Budapest", "Republic of Hungary", "Magyarország"],
     {"wikidata": "Q28", "metonyms": ["Budapest"], "note": "the state; 'Budapest' denoting the government links here"}),
    ("budapest", "GPE", "Budapest", [], {"note": "the city (literal uses); the Hungarian government is 'hungary'"}),
    ("russia", "GPE", "Russia", ["Russian Federation", "Moscow"], {"wikidata": "Q159", "metonyms": ["Moscow"]}),
    ("moscow", "GPE", "Moscow", [], {"note": "the city (literal uses); the Russian government is 'russia'"}),
    ("ukraine", "GPE", "Ukraine", ["Kyiv", "Kiev"], {"wikidata": "Q212", "metonyms": ["Kyiv", "Kiev"]}),
    ("kyiv", "GPE", "Kyiv", ["Kiev"], {"note": "the city (literal uses); the Ukrainian government is 'ukraine'"}),
    ("united-states", "GPE", "United States", ["US", "U.S.", "USA", "United States of America", "Washington"],
     {"wikidata": "Q30", "metonyms": ["Washington"]}),
    ("poland", "GPE", "Poland", ["Republic of Poland", "Warsaw"], {"wikidata": "Q36", "metonyms": ["Warsaw"]}),
    ("sweden", "GPE", "Sweden", ["Kingdom of Sweden"], {"wikidata": "Q34"}),
    ("vienna", "GPE", "Vienna", ["Wien"]),
    ("the-west", "LOC", "the West", ["West", "Western world"], {"note": "the Western world as a political bloc"}),
    ("sovereignty-protection-act", "LAW", "Sovereignty Protection Act",
     ["Act on the Protection of National Sovereignty", "sovereignty protection law"],
     {"note": "Hungary, adopted December 2023; created the Sovereignty Protection Office"}),
]

# (surface, label, kb_id), in text order
ENTITIES = [
    # 0 title
    ("Orbán", "PERSON", "viktor-orban"),
    # 1 standfirst
    ("Hungary", "GPE", "hungary"), ("EU", "ORG", "european-union"), ("Ukraine", "GPE", "ukraine"),
    ("Russia", "GPE", "russia"), ("European", "NORP", "europeans"),
    ("Viktor Orbán", "PERSON", "viktor-orban"), ("Brussels", "ORG", "european-union"),
    # 3
    ("Budapest", "GPE", "hungary"), ("European Commission", "ORG", "european-commission"),
    ("Hungary", "GPE", "hungary"), ("Orbán", "PERSON", "viktor-orban"), ("EU", "ORG", "european-union"),
    ("Ukraine", "GPE", "ukraine"), ("Kyiv", "GPE", "ukraine"), ("Brussels", "ORG", "european-union"),
    # 4
    ("EU", "ORG", "european-union"), ("Russia", "GPE", "russia"), ("Budapest", "GPE", "hungary"),
    ("Commission", "ORG", "european-commission"), ("Hungary", "GPE", "hungary"),
    # 6
    ("Orbán", "PERSON", "viktor-orban"), ("Moscow", "GPE", "russia"), ("Budapest", "GPE", "hungary"),
    ("Rosatom", "ORG", "rosatom"), ("Paks II", "FAC", "paks-ii"), ("Russian", "NORP", "russians"),
    ("Hungary", "GPE", "hungary"), ("Russia", "GPE", "russia"), ("TurkStream", "FAC", "turkstream"),
    ("Gazprom", "ORG", "gazprom"), ("Ukraine", "GPE", "ukraine"), ("Russian", "NORP", "russians"),
    ("Hungarian", "NORP", "hungarians"), ("Orbán", "PERSON", "viktor-orban"), ("Brussels", "ORG", "european-union"),
    # 7
    ("Péter Szijjártó", "PERSON", "peter-szijjarto"), ("Moscow", "GPE", "moscow"), ("Ukraine", "GPE", "ukraine"),
    ("Hungary", "GPE", "hungary"), ("Russian", "NORP", "russians"), ("Hungary", "GPE", "hungary"),
    ("Council of the EU", "ORG", "council-of-the-european-union"), ("Orbán", "PERSON", "viktor-orban"),
    ("Kyiv", "GPE", "kyiv"), ("Vladimir Putin", "PERSON", "vladimir-putin"), ("Moscow", "GPE", "moscow"),
    ("Western", "NORP", "westerners"), ("Kremlin", "ORG", "kremlin"), ("Budapest", "GPE", "hungary"),
    ("West", "LOC", "the-west"),
    # 8
    ("Orbán", "PERSON", "viktor-orban"), ("Washington", "GPE", "united-states"),
    ("Donald Trump", "PERSON", "donald-trump"), ("Biden", "PERSON", "joe-biden"),
    ("Antal Rogán", "PERSON", "antal-rogan"), ("Hungary", "GPE", "hungary"), ("Ukraine", "GPE", "ukraine"),
    ("NATO", "ORG", "nato"), ("Sweden", "GPE", "sweden"),
    # 10
    ("EU", "ORG", "european-union"), ("EU", "ORG", "european-union"), ("Hungary", "GPE", "hungary"),
    ("Brussels", "ORG", "european-union"), ("Budapest", "GPE", "hungary"),
    ("Sovereignty Protection Act", "LAW", "sovereignty-protection-act"), ("Warsaw", "GPE", "poland"),
    ("Budapest", "GPE", "hungary"), ("EU", "ORG", "european-union"), ("Poland", "GPE", "poland"),
    # 11
    ("Péter Magyar", "PERSON", "peter-magyar"), ("Fidesz", "ORG", "fidesz"), ("Budapest", "GPE", "budapest"),
    ("Tisza", "ORG", "tisza"), ("European Parliament", "ORG", "european-parliament"), ("Tisza", "ORG", "tisza"),
    ("Fidesz", "ORG", "fidesz"), ("Fidesz", "ORG", "fidesz"), ("Magyar", "PERSON", "peter-magyar"),
    ("Hungary", "GPE", "hungary"), ("Ukraine", "GPE", "ukraine"), ("Magyar", "PERSON", "peter-magyar"),
    ("Tisza", "ORG", "tisza"), ("Hungary", "GPE", "hungary"), ("NATO", "ORG", "nato"),
    # 12
    ("Orbán", "PERSON", "viktor-orban"), ("Brussels", "ORG", "european-union"), ("Kyiv", "GPE", "ukraine"),
    ("Fidesz", "ORG", "fidesz"), ("Budapest", "GPE", "hungary"), ("Washington", "GPE", "united-states"),
    ("Moscow", "GPE", "russia"), ("Orbán", "PERSON", "viktor-orban"),
    # 13 bio
    ("Johanna Keller", "PERSON", "johanna-keller"),
    ("Centre for Danube Region Studies", "ORG", "centre-for-danube-region-studies"), ("Vienna", "GPE", "vienna"),
]

# (surface, value), in text order
DATES = [
    ("now", "PRESENT_REF"),                 # standfirst: may now be costing
    ("13 December 2023", "2023-12-13"),
    ("The next day", "2023-12-14"),         # chained from 13 December 2023
    ("1 February 2024", "2024-02-01"),
    ("2022", "2022"),                       # Since 2022
    ("January 2025", "2025-01"),
    ("27 January", "2025-01-27"),           # year from "In January 2025"
    ("Earlier this month", "2025-03"),      # DCT-relative
    ("2010 and 2014", "2010/2014"),         # Between 2010 and 2014
    ("2014", "2014"),
    ("September 2021", "2021-09"),
    ("1 January 2025", "2025-01-01"),
    ("last month", "2025-02"),
    ("1 July 2024", "2024-07-01"),
    ("A day later", "2024-07-02"),          # chained from 1 July 2024
    ("three days later", "2024-07-05"),     # chained from A day later
    ("now", "PRESENT_REF"),                 # now expects
    ("January 2025", "2025-01"),
    ("February 2024", "2024-02"),
    ("December 2022", "2022-12"),
    ("last year", "2024"),
    ("December 2023", "2023-12"),           # the Sovereignty Protection Act of December 2023
    ("the past", "PAST_REF"),
    ("Two years ago", "2023"),
    ("February 2024", "2024-02"),
    ("the following month", "2024-03"),     # chained from February 2024
    ("the spring of 2024", "2024-03/2024-05"),
    ("that June", "2024-06"),               # chained: June of the spring-of-2024 year
    ("the autumn", "2024-09/2024-11"),      # latest autumn before the DCT
    ("April 2026", "2026-04"),
    ("2022", "2022"),                       # as he did in 2022
    ("now", "PRESENT_REF"),                 # For now
]

# (surface, reason): time words that are not dates
NON_DATES = [
    ("six-monthly", "frequency adjective"),
]


def C(span, type_, cert, pol, source, pred, actors, targets, dates):
    return dict(span=span, type=type_, certainty=cert, polarity=pol, source=source, predicate=pred,
                actors=actors, targets=targets, dates=dates)


A = "author"
CLAIMS = [
    # 1 standfirst
    C("Hungary has turned the EU’s unanimity rule into a standing bargaining chip",
      "assessment", "certain", "positive", A, "turn", ["hungary"], ["european-union"], []),
    C("holding up aid to Ukraine and sanctions on Russia",
      "event", "certain", "positive", A, "hold up", ["hungary"], ["ukraine", "russia"], []),
    C("while billions in European funds stay frozen",
      "fact", "certain", "positive", A, "stay", [], ["hungary"], []),
    C("that has served Viktor Orbán so well in Brussels",
      "assessment", "certain", "positive", A, "serve", ["hungary"], ["viktor-orban"], []),
    C("may now be costing him votes at home",
      "assessment", "possible", "positive", A, "cost", ["hungary"], ["viktor-orban"], ["PRESENT_REF"]),
    # 3
    C("Budapest rarely blocks a common decision for good",
      "fact", "certain", "positive", A, "block", ["hungary"], ["european-union"], []),
    C("it delays",
      "fact", "certain", "positive", A, "delay", ["hungary"], [], []),
    C("extracts a concession",
      "fact", "certain", "positive", A, "extract", ["hungary"], ["european-union"], []),
    C("then steps aside",
      "fact", "certain", "positive", A, "step aside", ["hungary"], [], []),
    C("On 13 December 2023, the European Commission released €10.2 billion of Hungary’s frozen funds",
      "event", "certain", "positive", A, "release", ["european-commission"], ["hungary"], ["2023-12-13"]),
    C("The next day, Orbán left the room",
      "event", "certain", "positive", A, "leave", ["viktor-orban"], [], ["2023-12-14"]),
    C("while the other 26 EU leaders opened accession talks with Ukraine",
      "event", "certain", "positive", A, "open", ["european-union"], ["ukraine"], ["2023-12-14"]),
    C("he vetoed a €50 billion support package for Kyiv",
      "event", "certain", "positive", A, "veto", ["viktor-orban"], ["ukraine"], ["2023-12-14"]),
    C("He lifted that veto on 1 February 2024",
      "event", "certain", "positive", A, "lift", ["viktor-orban"], ["ukraine"], ["2024-02-01"]),
    C("Brussels denies any link",
      "fact", "certain", "positive", A, "deny", ["european-union"], [], []),
    C("the timing was hardly a coincidence",
      "assessment", "certain", "positive", A, "be", [], [], []),
    # 4
    C("Since 2022, the same pattern has marked almost every renewal of EU sanctions against Russia",
      "fact", "certain", "positive", A, "mark", ["hungary"], ["european-union"], ["2022"]),
    C("In January 2025, Budapest held up the six-monthly extension of sectoral sanctions",
      "event", "certain", "positive", A, "hold up", ["hungary"], ["european-union"], ["2025-01"]),
    C("until the Commission issued a statement on energy security",
      "event", "certain", "positive", A, "issue", ["european-commission"], [], ["2025-01"]),
    C("it gave way on 27 January",
      "event", "certain", "positive", A, "give way", ["hungary"], [], ["2025-01-27"]),
    C("Earlier this month, Hungary apparently won the removal of several names from the list of sanctioned individuals",
      "event", "probable", "positive", A, "win", ["hungary"], [], ["2025-03"]),
    # 6
    C("Energy explains much of this behaviour",
      "assessment", "certain", "positive", A, "explain", [], ["hungary"], []),
    C("Between 2010 and 2014, Orbán deepened trade and energy ties with Moscow",
      "event", "certain", "positive", A, "deepen", ["viktor-orban"], ["russia"], ["2010/2014"]),
    C("in 2014 Budapest handed Rosatom the contract for Paks II, a planned nuclear plant financed largely by a €10 billion Russian state loan",
      "event", "certain", "positive", A, "hand", ["hungary"], ["rosatom", "paks-ii"], ["2014"]),
    C("Hungary still buys most of its gas from Russia, mainly through the TurkStream pipeline",
      "fact", "certain", "positive", A, "buy", ["hungary"], ["russia"], []),
    C("a contract with Gazprom signed in September 2021",
      "event", "certain", "positive", A, "sign", [], ["gazprom"], ["2021-09"]),
    C("When Ukraine stopped the transit of Russian gas on 1 January 2025",
      "event", "certain", "positive", A, "stop", ["ukraine"], ["russia"], ["2025-01-01"]),
    C("Hungarian supplies did not suffer",
      "fact", "certain", "negative", A, "suffer", [], ["hungary"], ["2025-01-01"]),
    C("Orbán used the move to demand guarantees from Brussels",
      "event", "certain", "positive", A, "use", ["viktor-orban"], ["european-union"], []),
    # 7
    C("who has visited Moscow repeatedly since the full-scale invasion of Ukraine",
      "event", "certain", "positive", A, "visit", ["peter-szijjarto"], [], []),
    C("said last month",
      "event", "certain", "positive", A, "say", ["peter-szijjarto"], [], ["2025-02"]),
    C("Hungary would veto any sanctions on Russian nuclear energy",
      "prediction", "certain", "positive", "peter-szijjarto", "veto", ["hungary"], ["russia"], []),
    C("Hungary took over the rotating presidency of the Council of the EU on 1 July 2024",
      "event", "certain", "positive", A, "take over", ["hungary"], ["council-of-the-european-union"], ["2024-07-01"]),
    C("A day later, Orbán was in Kyiv",
      "event", "certain", "positive", A, "be", ["viktor-orban"], [], ["2024-07-02"]),
    C("three days later he was shaking hands with Vladimir Putin in Moscow, on a self-styled ‘peace mission’",
      "event", "certain", "positive", A, "shake", ["viktor-orban"], ["vladimir-putin"], ["2024-07-05"]),
    C("that no other Western government had endorsed",
      "fact", "certain", "negative", A, "endorse", ["the-west"], ["viktor-orban"], []),
    C("For the Kremlin, Budapest is a useful crack in the West",
      "assessment", "certain", "positive", A, "be", ["hungary"], ["kremlin", "the-west"], []),
    # 8
    C("Orbán has also bet on Washington",
      "assessment", "certain", "positive", A, "bet", ["viktor-orban"], ["united-states"], []),
    C("He campaigned for Donald Trump",
      "event", "certain", "positive", A, "campaign", ["viktor-orban"], ["donald-trump"], []),
    C("now expects the new administration to lift the sanctions",
      "fact", "certain", "positive", A, "expect", ["viktor-orban"], ["united-states"], ["PRESENT_REF"]),
    C("that the Biden administration imposed on his minister Antal Rogán in January 2025",
      "event", "certain", "positive", A, "impose", ["joe-biden"], ["antal-rogan"], ["2025-01"]),
    C("Hungary refuses to send weapons to Ukraine",
      "fact", "certain", "positive", A, "refuse", ["hungary"], ["ukraine"], []),
    C("was the last NATO ally to ratify Sweden’s accession, in February 2024",
      "fact", "certain", "positive", A, "be", ["hungary"], ["sweden", "nato"], ["2024-02"]),
    # 10
    C("Some €18 billion of EU money remains blocked",
      "fact", "certain", "positive", A, "remain", [], ["hungary"], []),
    C("The freezing of €6.3 billion in cohesion funds in December 2022",
      "event", "certain", "positive", A, "freeze", [], ["hungary"], ["2022-12"]),
    C("was only the first penalty",
      "fact", "certain", "positive", A, "be", [], ["hungary"], []),
    C("last year, the EU’s top court also fined Hungary €200 million over its asylum rules",
      "event", "certain", "positive", A, "fine", ["european-union"], ["hungary"], ["2024"]),
    C("Brussels has taken Budapest to court over the Sovereignty Protection Act of December 2023",
      "event", "certain", "positive", A, "take", ["european-union"], ["hungary", "sovereignty-protection-act"], []),
    C("In the past, Warsaw shielded Budapest from EU censure",
      "fact", "certain", "positive", A, "shield", ["poland"], ["hungary"], ["PAST_REF"]),
    C("Poland’s new government has no such loyalty",
      "fact", "certain", "negative", A, "have", ["poland"], ["hungary"], []),
    # 11
    C("Two years ago, the opposition looked exhausted",
      "assessment", "certain", "positive", A, "look", [], [], ["2023"]),
    C("Péter Magyar, a former Fidesz insider, broke with the party in February 2024",
      "event", "certain", "positive", A, "break", ["peter-magyar"], ["fidesz"], ["2024-02"]),
    C("drew tens of thousands to a rally in Budapest the following month",
      "event", "certain", "positive", A, "draw", ["peter-magyar"], [], ["2024-03"]),
    C("which he took over in the spring of 2024",
      "event", "certain", "positive", A, "take over", ["peter-magyar"], ["tisza"], ["2024-03/2024-05"]),
    C("won almost 30 per cent",
      "event", "certain", "positive", A, "win", ["tisza"], [], ["2024-06"]),
    C("the European Parliament elections that June",
      "event", "certain", "positive", A, "elect", [], [], ["2024-06"]),
    C("Most independent polls have put Tisza ahead of Fidesz since the autumn",
      "fact", "certain", "positive", A, "put", [], ["tisza", "fidesz"], ["2024-09/2024-11"]),
    C("According to Fidesz, Magyar would drag Hungary into the war in Ukraine",
      "prediction", "certain", "positive", "fidesz", "drag", ["peter-magyar"], ["hungary"], []),
    C("Magyar has claimed",
      "event", "certain", "positive", A, "claim", ["peter-magyar"], [], []),
    C("a Tisza government would unlock the frozen funds",
      "prediction", "certain", "positive", "peter-magyar", "unlock", ["tisza"], ["hungary"], []),
    C("keep Hungary in NATO",
      "prediction", "certain", "positive", "peter-magyar", "keep", ["tisza"], ["hungary", "nato"], []),
    # 12
    C("The next parliamentary election is due in April 2026",
      "prediction", "certain", "positive", A, "be", [], [], ["2026-04"]),
    C("Orbán will likely campaign on a choice between war and peace",
      "prediction", "probable", "positive", A, "campaign", ["viktor-orban"], [], []),
    C("as he did in 2022",
      "event", "certain", "positive", A, "campaign", ["viktor-orban"], [], ["2022"]),
    C("cast Brussels and Kyiv as the villains",
      "prediction", "probable", "positive", A, "cast", ["viktor-orban"], ["european-union", "ukraine"], []),
    C("Some Fidesz officials hint",
      "event", "certain", "positive", A, "hint", ["fidesz"], [], []),
    C("Budapest could soften its vetoes if Washington and Moscow agree on a ceasefire",
      "prediction", "possible", "positive", "fidesz", "soften", ["hungary"], [], []),
    C("For now, the veto remains Orbán’s most reliable instrument abroad",
      "assessment", "certain", "positive", A, "remain", ["viktor-orban"], [], ["PRESENT_REF"]),
    C("at home it may no longer be an asset",
      "assessment", "possible", "negative", A, "be", ["viktor-orban"], [], []),
    # 13 bio
    C("Johanna Keller is a senior fellow at the Centre for Danube Region Studies in Vienna",
      "fact", "certain", "positive", A, "be", ["johanna-keller"], ["centre-for-danube-region-studies"], []),
]

# ---------------------------------------------------------------------------
LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
TYPES = {"event", "fact", "assessment", "prediction"}
CERTAINTIES = {"certain", "probable", "possible"}
POLARITIES = {"positive", "negative"}
VAGUE = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
_D = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
VALUE_RE = re.compile(rf"^(?:{_D}(?:/{_D})?|PAST_REF|PRESENT_REF|FUTURE_REF)$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
TIME_WORD_RE = re.compile(
    r"(?<!\w)(?:1\d{3}|20\d{2}|January|February|March|April|June|July|August|"
    r"September|October|November|December|May(?= \d)|"
    r"(?i:spring|summer|autumn|winter|years?|months?|weeks?|days?|hours?|nights?|"
    r"generation|today|tonight|now|nowadays|recent(?:ly)?|ago|later|earlier|"
    r"currently|decades?|centur(?:y|ies)|yesterday|tomorrow|future|monthly|annual|past))(?!\w)")
SENT_SPLIT_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z‘“])")
PREPOSITION_RE = re.compile(r"(?i)(?:in|on|at|from|since|by|until|during|through|for|before|after|between) ")
COORDINATOR_RE = re.compile(r"(?i)(?:and|but|or|so|yet|nor) ")


class BuildError(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise BuildError(msg)


def find_from(text, s, pos, whole_word):
    if whole_word:
        m = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)").search(text, pos)
        return m.start() if m else -1
    return text.find(s, pos)


def whole_word_matches(text, s):
    out, pos = [], 0
    while True:
        i = find_from(text, s, pos, True)
        if i < 0:
            return out
        out.append(i)
        pos = i + 1


def sentences(text):
    out, offset = [], 0
    for line_no, line in enumerate(text.split("\n")):
        s = 0
        for m in SENT_SPLIT_RE.finditer(line):
            out.append((offset + s, offset + m.start(), line_no))
            s = m.end()
        out.append((offset + s, offset + len(line), line_no))
        offset += len(line) + 1
    return out


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def parse_value(value):
    parts = []
    for p in value.split("/"):
        bits = [int(x) for x in p.split("-")]
        parts.append(tuple(bits + [None] * (3 - len(bits))))
    return parts


def add_months(year, month, n):
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def season_value(season, year):
    a, b = SEASON_MONTHS[season]
    return f"{year}-{a:02d}/{year + 1 if season == 'winter' else year}-{b:02d}"


def expected_relative_value(surface, dct, anchor):
    s = surface.lower()
    if s == "now":
        return "PRESENT_REF"
    if s == "the past":
        return "PAST_REF"
    if s == "last year":
        return str(dct.year - 1)
    if s in ("this month", "earlier this month"):
        return f"{dct.year}-{dct.month:02d}"
    if s == "last month":
        y, m = add_months(dct.year, dct.month, -1)
        return f"{y}-{m:02d}"
    m = re.fullmatch(r"(\w+) years? ago", s)
    if m and m.group(1) in NUMBER_WORDS:
        return str(dct.year - NUMBER_WORDS[m.group(1)])
    m = re.fullmatch(r"the (spring|summer|autumn|winter)", s)
    if m:  # the latest such season that ended before the DCT's month
        season = m.group(1)
        ended = [y for y in (dct.year - 2, dct.year - 1, dct.year)
                 if ((y + 1 if season == "winter" else y), SEASON_MONTHS[season][1]) < (dct.year, dct.month)]
        return season_value(season, max(ended))
    if anchor is None or anchor in VAGUE:
        return None
    (ay, am, ad) = parse_value(anchor)[0]
    if s in ("the same day", "the following day", "the next day") and ad:
        d = datetime.date(ay, am, ad) + datetime.timedelta(days=0 if "same" in s else 1)
        return d.isoformat()
    if s in ("the following month", "the next month") and am:
        y, mo = add_months(ay, am, 1)
        return f"{y}-{mo:02d}"
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? later", s)
    if m and m.group(1) in NUMBER_WORDS:
        n, unit = NUMBER_WORDS[m.group(1)], m.group(2)
        if unit in ("day", "week") and ad:
            d = datetime.date(ay, am, ad) + datetime.timedelta(days=n * (7 if unit == "week" else 1))
            return d.isoformat()
        if unit == "month" and am:
            y, mo = add_months(ay, am, n)
            return f"{y}-{mo:02d}"
        if unit == "year":
            return str(ay + n)
    m = re.fullmatch(r"that (" + "|".join(x.lower() for x in MONTHS) + ")", s)
    if m:
        return f"{ay}-{[x.lower() for x in MONTHS].index(m.group(1)) + 1:02d}"
    return None


def check_explicit_parts(surface, value, where):
    if value in VAGUE:
        return
    parts = parse_value(value)
    years = {p[0] for p in parts}
    for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", surface):
        check(int(y) in years, f"{where}: year {y} but value {value}")
    months_in_value = {p[1] for p in parts}
    for i, name in enumerate(MONTHS, 1):
        if re.search(rf"(?<!\w){name}(?!\w)", surface):
            check(i in months_in_value, f"{where}: month {name} but value {value}")
            m = re.search(rf"(?<!\d)(\d{{1,2}}) {name}|{name} (\d{{1,2}})(?!\d)", surface)
            if m:
                day = int(m.group(1) or m.group(2))
                check(any(p[2] == day for p in parts), f"{where}: day {day} but value {value}")
    for season in SEASON_MONTHS:
        if re.search(rf"(?i)(?<!\w){season}(?!\w)", surface):
            check(len(parts) == 2 and (parts[0][1], parts[1][1]) == SEASON_MONTHS[season],
                  f"{where}: season {season} must be a month interval, got {value}")


def build_kb():
    kb = {}
    for row in KB:
        kb_id, label, name, aliases = row[:4]
        extra = dict(row[4]) if len(row) > 4 else {}
        check(re.fullmatch(r"[a-z0-9][a-z0-9-]*", kb_id), f"kb: bad id {kb_id!r}")
        check(kb_id not in kb, f"kb: duplicate id {kb_id!r}")
        check(label in LABELS, f"kb {kb_id}: bad label")
        check(len(set(aliases)) == len(aliases) and name not in aliases, f"kb {kb_id}: repeated alias")
        for m in extra.get("metonyms", []):
            check(m in aliases, f"kb {kb_id}: metonym {m!r} must also be an alias")
        wikidata = extra.pop("wikidata", None)
        kb[kb_id] = {"id": kb_id, "label": label, "name": name, "aliases": list(aliases),
                     "wikidata": wikidata, **extra}
    return kb


def build(kb):
    raw = open(os.path.join(CORPUS, f"{AID}.txt"), "rb").read()
    sha = hashlib.sha256(raw).hexdigest()
    text = raw.decode("utf-8")
    check(not text.endswith("\n") and "\r" not in text, "text must have LF line ends and no final newline")
    lines = text.split("\n")
    meta = json.load(open(os.path.join(CORPUS, f"{AID}.json"), encoding="utf-8"))
    check(meta["id"] == AID and meta["title"] == lines[0] and meta["published"] == DCT, "metadata")
    check(lines[-1].startswith(meta["author"] + " "), "bio must open with the author")
    for h in HEADINGS:
        check(h in lines, f"heading {h!r} not a line")
    title_or_heading = {0} | {lines.index(h) for h in HEADINGS}
    bio_line = len(lines) - 1
    dct = datetime.date.fromisoformat(DCT)

    entities, pos = [], 0
    for surface, label, kb_id in ENTITIES:
        where = f"entity {surface!r} after {pos}"
        st = find_from(text, surface, pos, True)
        check(st >= 0, f"{where}: not found")
        en = st + len(surface)
        check(label in LABELS and kb_id in kb and kb[kb_id]["label"] == label, f"{where}: label/kb")
        check(surface == kb[kb_id]["name"] or surface in kb[kb_id]["aliases"], f"{where}: not a name/alias")
        check(not re.match(r"(?i)the ", surface) and not re.search(r"[’']s$", surface), f"{where}: the/possessive")
        entities.append({"start": st, "end": en, "text": text[st:en], "label": label, "kb_id": kb_id})
        pos = en
    for kb_id, entry in kb.items():
        for form in [entry["name"]] + entry["aliases"]:
            form = re.sub(r"^the ", "", form)
            for st in whole_word_matches(text, form):
                check(any(x["start"] <= st and st + len(form) <= x["end"] for x in entities),
                      f"unannotated mention {form!r} ({kb_id}) at {st}: {text[max(0, st - 30):st + 40]!r}")

    dates, pos = [], 0
    for surface, value in DATES:
        where = f"date {surface!r} after {pos}"
        st = find_from(text, surface, pos, True)
        check(st >= 0, f"{where}: not found")
        en = st + len(surface)
        check(VALUE_RE.match(value), f"{where}: bad value {value}")
        if "/" in value:
            a, b = value.split("/")
            check(a < b, f"{where}: interval does not increase")
        check(not PREPOSITION_RE.match(surface), f"{where}: starts with a preposition")
        check(text.count("\n", 0, st) not in title_or_heading, f"{where}: in title or heading")
        check_explicit_parts(surface, value, where)
        dates.append({"start": st, "end": en, "text": text[st:en], "value": value})
        pos = en
    for d in dates:
        check(not any(overlaps((d["start"], d["end"]), (e["start"], e["end"])) for e in entities),
              f"date {d['text']!r} overlaps an entity")
    for i, d in enumerate(dates):
        anchor = dates[i - 1]["value"] if i else None
        exp = expected_relative_value(d["text"], dct, anchor)
        if exp is not None:
            check(d["value"] == exp, f"date {d['text']!r} at {d['start']}: {d['value']} but rule gives {exp}")
    non_dates = []
    for s, _why in NON_DATES:
        st = find_from(text, s, 0, True)
        check(st >= 0, f"non-date {s!r} not found")
        non_dates.append((st, st + len(s)))
    for m in TIME_WORD_RE.finditer(text):
        a, b = m.span()
        covered = any(d["start"] <= a and b <= d["end"] for d in dates) or any(x <= a and b <= y for x, y in non_dates)
        check(covered, f"time word {m.group()!r} at {a} not covered: {text[max(0, a - 30):b + 30]!r}")

    sents = sentences(text)
    mentioned = {x["kb_id"] for x in entities}
    claims, pos = [], 0
    for i, c in enumerate(CLAIMS, 1):
        cid = f"c{i}"
        where = f"claim {cid} {c['span'][:40]!r}"
        st = find_from(text, c["span"], pos, False)
        check(st >= 0, f"{where}: not found after {pos}")
        en = st + len(c["span"])
        span = c["span"]
        check("\n" not in span, f"{where}: crosses a line")
        check(text.count("\n", 0, st) not in title_or_heading, f"{where}: in title/heading")
        check(span == span.strip() and not span.endswith((".", ",", ";", ":")), f"{where}: punctuation")
        check(not COORDINATOR_RE.match(span), f"{where}: starts with a coordinator")
        check(c["type"] in TYPES and c["certainty"] in CERTAINTIES and c["polarity"] in POLARITIES, f"{where}: enum")
        check(c["source"] == "author" or c["source"] in mentioned, f"{where}: source")
        check(c["predicate"] and c["predicate"] == c["predicate"].lower().strip(), f"{where}: predicate")
        for role in ("actors", "targets"):
            check(len(set(c[role])) == len(c[role]), f"{where}: repeated {role}")
            for k in c[role]:
                check(k in kb and k in mentioned, f"{where}: {role} {k!r} not in KB or never mentioned")
        in_sentence = [sp for sp in sents if overlaps(sp, (st, en))]
        local = {d["value"] for d in dates if any(sp[0] <= d["start"] and d["end"] <= sp[1] for sp in in_sentence)}
        for v in c["dates"]:
            check(v in local, f"{where}: date {v!r} not in the claim's sentence")
        check(len(set(c["dates"])) == len(c["dates"]), f"{where}: repeated date")
        claims.append({"id": cid, "start": st, "end": en, "text": text[st:en], "type": c["type"],
                       "certainty": c["certainty"], "polarity": c["polarity"], "source": c["source"],
                       "predicate": c["predicate"], "actors": list(c["actors"]), "targets": list(c["targets"]),
                       "dates": list(c["dates"])})
        pos = en
    for a, b in zip(claims, claims[1:]):
        check(a["end"] <= b["start"], f"claims {a['id']} and {b['id']} overlap")
    for st, en, line_no in sents:
        if line_no in title_or_heading or st == en or text[st:en].rstrip().endswith("?"):
            continue
        check(any(overlaps((st, en), (c["start"], c["end"])) for c in claims), f"sentence without claim: {text[st:en]!r}")
    bio = [c for c in claims if text.count("\n", 0, c["start"]) == bio_line]
    check(len(bio) == 1 and bio[0]["type"] == "fact", "bio must carry exactly one fact")
    unused = sorted(set(kb) - mentioned)
    check(not unused, f"kb entries never mentioned: {unused}")
    return {"article_id": AID, "annotator": "gold", "text_sha256": sha,
            "entities": entities, "dates": dates, "claims": claims}, text


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)


def main():
    kb = build_kb()
    rec, text = build(kb)
    write_json(os.path.join(ANNOTATIONS, AID, "gold.json"), rec)
    with open(os.path.join(ANNOTATIONS, "kb.jsonl.tmp"), "w", encoding="utf-8") as f:
        for e in kb.values():
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    os.replace(os.path.join(ANNOTATIONS, "kb.jsonl.tmp"), os.path.join(ANNOTATIONS, "kb.jsonl"))
    cl = rec["claims"]
    cnt = lambda k: dict(sorted(Counter(c[k] for c in cl).items()))
    print(f"{AID}: {len(text.split())} words")
    print(f"  entities {len(rec['entities'])} {dict(sorted(Counter(x['label'] for x in rec['entities']).items()))}")
    print(f"  dates {len(rec['dates'])}")
    print(f"  claims {len(cl)} type {cnt('type')} certainty {cnt('certainty')} polarity {cnt('polarity')} "
          f"reported {sum(c['source'] != 'author' for c in cl)}")
    print(f"  kb {len(kb)} {dict(sorted(Counter(e['label'] for e in kb.values()).items()))}")


if __name__ == "__main__":
    try:
        main()
    except BuildError as exc:
        print(f"BUILD FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
