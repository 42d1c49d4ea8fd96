#!/usr/bin/env python3
"""Held-out gold for `serbia-eu-drift` (annotator "gold").

Annotations are kept in readable form (surface + 0-based whole-word occurrence
index for entities and dates; plain substring + optional occ for claims).
Run: python3 build.py  -> writes annotations/serbia-eu-drift/gold.json and
annotations/kb.jsonl after checking every span.  Standard library only.
The check helpers below the data follow the development set's build script.
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
ANNOTATOR = "gold"

KB = [
    # PERSON
    ("aleksandar-vucic", "PERSON", "Aleksandar Vučić", ["Vučić", "Aleksandar Vucic", "Vucic"]),
    ("milos-vucevic", "PERSON", "Miloš Vučević", ["Vučević", "Milos Vucevic", "Vucevic"]),
    ("djuro-macut", "PERSON", "Đuro Macut", ["Macut", "Djuro Macut", "Duro Macut"]),
    ("xi-jinping", "PERSON", "Xi Jinping", ["Xi"]),
    ("vladimir-putin", "PERSON", "Vladimir Putin", ["Putin"]),
    ("marta-kos", "PERSON", "Marta Kos", ["Kos"]),
    ("tobias-reinholt", "PERSON", "Tobias Reinholt", ["Reinholt"], {"note": "fictional author"}),
    # NORP
    ("serbians", "NORP", "Serbians", ["Serbian", "Serbs", "Serb"]),
    ("chinese", "NORP", "Chinese", ["Chinese people"]),
    ("russians", "NORP", "Russians", ["Russian"]),
    ("europeans", "NORP", "Europeans", ["European"]),
    # ORG
    ("european-union", "ORG", "European Union", ["EU", "E.U.", "Brussels"],
     {"wikidata": "Q458", "metonyms": ["Brussels"]}),
    ("european-commission", "ORG", "European Commission", ["EC"]),
    ("archive-of-public-gatherings", "ORG", "Archive of Public Gatherings", ["Arhiv javnih skupova"]),
    ("civic-initiatives", "ORG", "Civic Initiatives", ["Građanske inicijative"]),
    ("nis", "ORG", "Naftna Industrija Srbije", ["NIS", "Petroleum Industry of Serbia"],
     {"note": "Serbian oil company, majority-owned by Gazprom Neft"}),
    ("gazprom-neft", "ORG", "Gazprom Neft", ["Gazpromneft"]),
    ("gazprom", "ORG", "Gazprom", ["PJSC Gazprom"]),
    ("rio-tinto", "ORG", "Rio Tinto", ["Rio Tinto Group"]),
    ("central-european-policy-forum", "ORG", "Central European Policy Forum", [], {"note": "fictional institute"}),
    # GPE
    ("serbia", "GPE", "Serbia", ["Republic of Serbia", "Srbija", "Belgrade"],
     {"wikidata": "Q403", "metonyms": ["Belgrade"]}),
    ("russia", "GPE", "Russia", ["Russian Federation", "Moscow"], {"wikidata": "Q159", "metonyms": ["Moscow"]}),
    ("china", "GPE", "China", ["People’s Republic of China", "PRC", "Beijing"],
     {"wikidata": "Q148", "metonyms": ["Beijing"]}),
    ("united-states", "GPE", "United States", ["US", "U.S.", "USA", "United States of America", "Washington"],
     {"wikidata": "Q30", "metonyms": ["Washington"]}),
    ("kosovo", "GPE", "Kosovo", ["Republic of Kosovo", "Pristina", "Prishtina", "Priština"],
     {"wikidata": "Q1246", "metonyms": ["Pristina"]}),
    ("belgrade", "GPE", "Belgrade", ["Beograd"], {"note": "the city (literal uses); the Serbian government is 'serbia'"}),
    ("beijing", "GPE", "Beijing", ["Peking"], {"note": "the city (literal uses); the Chinese government is 'china'"}),
    ("novi-sad", "GPE", "Novi Sad", []),
    ("pancevo", "GPE", "Pančevo", ["Pancevo"]),
    ("smederevo", "GPE", "Smederevo", []),
    ("bor", "GPE", "Bor", [], {"note": "town in eastern Serbia"}),
    ("ohrid", "GPE", "Ohrid", [], {"note": "city in North Macedonia"}),
    ("graz", "GPE", "Graz", []),
    # LOC
    ("jadar-valley", "LOC", "Jadar valley", ["Jadar Valley", "Jadar"], {"note": "valley in western Serbia with a lithium deposit"}),
]

ARTICLES = {}
ARTICLES["serbia-eu-drift"] = dict(
    dct="2025-10-14",
    text_sha256="16ce1d1cebcb8696ffa9a730ed345d2373ec9e6776092d09278d57d62e5a69ff",
    headings=["From Novi Sad to the streets", "Gas from Moscow, money from Beijing",
              "Kosovo and the stalled road to Brussels"],
    entities=[
        # line 0: title
        ("Serbia", 0, "GPE", "serbia"),
        ("Brussels", 0, "ORG", "european-union"),
        ("Moscow", 0, "GPE", "russia"),
        ("Beijing", 0, "GPE", "china"),
        # line 1: standfirst
        ("Aleksandar Vučić", 0, "PERSON", "aleksandar-vucic"),
        ("Serbia", 1, "GPE", "serbia"),
        ("European Union", 0, "ORG", "european-union"),
        ("Belgrade", 0, "GPE", "serbia"),
        ("Moscow", 1, "GPE", "russia"),
        ("Beijing", 1, "GPE", "china"),
        ("Brussels", 1, "ORG", "european-union"),
        # line 2: heading
        ("Novi Sad", 0, "GPE", "novi-sad"),
        # line 3
        ("Novi Sad", 1, "GPE", "novi-sad"),
        ("Chinese", 0, "NORP", "chinese"),
        ("Belgrade", 1, "GPE", "belgrade"),
        ("Archive of Public Gatherings", 0, "ORG", "archive-of-public-gatherings"),
        ("Miloš Vučević", 0, "PERSON", "milos-vucevic"),
        ("Đuro Macut", 0, "PERSON", "djuro-macut"),
        # line 4
        ("Vučić", 1, "PERSON", "aleksandar-vucic"),
        ("Civic Initiatives", 0, "ORG", "civic-initiatives"),
        ("Vučić", 2, "PERSON", "aleksandar-vucic"),
        # line 5: heading
        ("Moscow", 2, "GPE", "russia"),
        ("Beijing", 2, "GPE", "china"),
        # line 6
        ("Belgrade", 2, "GPE", "serbia"),
        ("Moscow", 3, "GPE", "russia"),
        ("Serbia", 2, "GPE", "serbia"),
        ("Russia", 0, "GPE", "russia"),
        ("Naftna Industrija Srbije", 0, "ORG", "nis"),
        ("NIS", 0, "ORG", "nis"),
        ("Gazprom Neft", 0, "ORG", "gazprom-neft"),
        ("Russian", 0, "NORP", "russians"),
        ("Washington", 0, "GPE", "united-states"),
        ("NIS", 1, "ORG", "nis"),
        ("Vučić", 3, "PERSON", "aleksandar-vucic"),
        ("Pančevo", 0, "GPE", "pancevo"),
        ("Serbia", 3, "GPE", "serbia"),
        ("Gazprom", 1, "ORG", "gazprom"),
        ("Moscow", 4, "GPE", "russia"),
        # line 7
        ("China", 0, "GPE", "china"),
        ("Beijing", 3, "GPE", "beijing"),
        ("Xi Jinping", 0, "PERSON", "xi-jinping"),
        ("Belgrade", 3, "GPE", "belgrade"),
        ("Chinese", 1, "NORP", "chinese"),
        ("Smederevo", 0, "GPE", "smederevo"),
        ("Bor", 0, "GPE", "bor"),
        ("China", 1, "GPE", "china"),
        ("Serbia", 4, "GPE", "serbia"),
        ("Brussels", 2, "ORG", "european-union"),
        ("European Commission", 0, "ORG", "european-commission"),
        ("Serbia", 5, "GPE", "serbia"),
        ("Rio Tinto", 0, "ORG", "rio-tinto"),
        ("Jadar valley", 0, "LOC", "jadar-valley"),
        ("EU", 0, "ORG", "european-union"),
        ("Belgrade", 4, "GPE", "belgrade"),
        # line 8: heading
        ("Kosovo", 0, "GPE", "kosovo"),
        ("Brussels", 3, "ORG", "european-union"),
        # line 9
        ("Serbia", 6, "GPE", "serbia"),
        ("Belgrade", 5, "GPE", "serbia"),
        ("EU", 1, "ORG", "european-union"),
        ("Russia", 1, "GPE", "russia"),
        ("EU", 2, "ORG", "european-union"),
        ("Kosovo", 1, "GPE", "kosovo"),
        ("Ohrid", 0, "GPE", "ohrid"),
        ("Pristina", 0, "GPE", "kosovo"),
        ("Serbian", 0, "NORP", "serbians"),
        ("Marta Kos", 0, "PERSON", "marta-kos"),
        ("EU", 3, "ORG", "european-union"),
        ("Serbia", 7, "GPE", "serbia"),
        # line 10
        ("European Commission", 1, "ORG", "european-commission"),
        ("Brussels", 4, "ORG", "european-union"),
        ("Serbia", 8, "GPE", "serbia"),
        ("Moscow", 5, "GPE", "russia"),
        ("Beijing", 4, "GPE", "china"),
        ("Vučić", 4, "PERSON", "aleksandar-vucic"),
        ("Xi", 1, "PERSON", "xi-jinping"),
        ("Vladimir Putin", 0, "PERSON", "vladimir-putin"),
        ("Beijing", 5, "GPE", "beijing"),
        ("Serbia", 9, "GPE", "serbia"),
        ("European", 3, "NORP", "europeans"),
        ("Russia", 2, "GPE", "russia"),
        ("Belgrade", 6, "GPE", "serbia"),
        # line 11: bio
        ("Tobias Reinholt", 0, "PERSON", "tobias-reinholt"),
        ("Central European Policy Forum", 0, "ORG", "central-european-policy-forum"),
        ("Graz", 0, "GPE", "graz"),
    ],
    # (surface, occ, value)
    dates=[
        ("1 November 2024", 0, "2024-11-01"),
        ("early December", 0, "2024-12"),
        ("the winter", 0, "2024-12/2025-02"),
        ("March 15, 2025", 0, "2025-03-15"),
        ("late January", 0, "2025-01"),
        ("April", 0, "2025-04"),
        ("2017", 0, "2017"),
        ("recent months", 0, "PAST_REF"),
        ("mid-August", 0, "2025-08"),
        ("now", 0, "PRESENT_REF"),
        ("the end of 2026", 0, "2026"),
        ("January 2025", 0, "2025-01"),
        ("9 October", 0, "2025-10-09"),
        ("Two weeks earlier", 0, "2025-09-25"),
        ("November", 1, "2025-11"),
        ("the end of the year", 0, "2025"),
        ("October 2023", 0, "2023-10"),
        ("July 2024", 0, "2024-07"),
        ("last year", 0, "2024"),
        ("19 July 2024", 0, "2024-07-19"),
        ("the following month", 0, "2024-08"),
        ("2015 and 2021", 0, "2015/2021"),
        ("December 2021", 0, "2021-12"),
        ("March 2023", 0, "2023-03"),
        ("this summer", 0, "2025-06/2025-08"),
        ("early November", 0, "2025-11"),
        ("Last month", 0, "2025-09"),
        ("next year", 0, "2026"),
        ("now", 1, "PRESENT_REF"),
    ],
    non_dates=[
        ("a year", 0, "duration: 'Almost a year of mass protests'"),
        ("two months", 0, "duration anchored to an event: 'two months after Xi Jinping’s state visit'"),
    ],
    claims=[
        # line 1: standfirst
        dict(id="c1", span="Almost a year of mass protests has shaken President Aleksandar Vučić’s grip on Serbia",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="shake",
             actors=[], targets=["aleksandar-vucic"], dates=[]),
        dict(id="c2", span="it has not brought the country any closer to the European Union",
             type="assessment", certainty="certain", polarity="negative", source="author", predicate="bring",
             actors=[], targets=["serbia", "european-union"], dates=[]),
        dict(id="c3", span="Belgrade still relies on Moscow for gas and on Beijing for investment",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="rely",
             actors=["serbia"], targets=["russia", "china"], dates=[]),
        dict(id="c4", span="while Brussels appears to have lost much of its leverage",
             type="assessment", certainty="probable", polarity="positive", source="author", predicate="lose",
             actors=["european-union"], targets=["serbia"], dates=[]),
        # line 3
        dict(id="c5", span="The unrest began on 1 November 2024",
             type="event", certainty="certain", polarity="positive", source="author", predicate="begin",
             actors=[], targets=[], dates=["2024-11-01"]),
        dict(id="c6", span="when the concrete canopy of the newly renovated railway station in Novi Sad collapsed",
             type="event", certainty="certain", polarity="positive", source="author", predicate="collapse",
             actors=[], targets=[], dates=["2024-11-01"]),
        dict(id="c7", span="killed sixteen people",
             type="event", certainty="certain", polarity="positive", source="author", predicate="kill",
             actors=[], targets=[], dates=["2024-11-01"]),
        dict(id="c8", span="Students blamed corruption in a reconstruction project led by Chinese contractors",
             type="event", certainty="certain", polarity="positive", source="author", predicate="blame",
             actors=[], targets=[], dates=[]),
        dict(id="c9", span="by early December they had blockaded dozens of university faculties",
             type="event", certainty="certain", polarity="positive", source="author", predicate="blockade",
             actors=[], targets=[], dates=["2024-12"]),
        dict(id="c10", span="Their marches across the country continued through the winter",
             type="event", certainty="certain", polarity="positive", source="author", predicate="continue",
             actors=[], targets=[], dates=["2024-12/2025-02"]),
        dict(id="c11", span="On March 15, 2025, up to 300,000 people filled the centre of Belgrade, according to the independent Archive of Public Gatherings",
             type="event", certainty="certain", polarity="positive", source="archive-of-public-gatherings", predicate="fill",
             actors=[], targets=[], dates=["2025-03-15"]),
        dict(id="c12", span="Prime Minister Miloš Vučević had already resigned in late January",
             type="event", certainty="certain", polarity="positive", source="author", predicate="resign",
             actors=["milos-vucevic"], targets=[], dates=["2025-01"]),
        dict(id="c13", span="in April parliament confirmed Đuro Macut, a little-known endocrinologist, as his successor",
             type="event", certainty="certain", polarity="positive", source="author", predicate="confirm",
             actors=["serbia"], targets=["djuro-macut"], dates=["2025-04"]),
        # line 4
        dict(id="c14", span="Vučić, president since 2017",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["aleksandar-vucic"], targets=[], dates=["2017"]),
        dict(id="c15", span="has answered with a mix of concessions and intimidation",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="answer",
             actors=["aleksandar-vucic"], targets=[], dates=[]),
        dict(id="c16", span="He has accused foreign intelligence services of plotting a ‘colour revolution’",
             type="event", certainty="certain", polarity="positive", source="author", predicate="accuse",
             actors=["aleksandar-vucic"], targets=[], dates=[]),
        dict(id="c17", span="pro-government tabloids have branded the students as traitors",
             type="event", certainty="certain", polarity="positive", source="author", predicate="brand",
             actors=[], targets=[], dates=[]),
        dict(id="c18", span="In recent months the police have used more force",
             type="event", certainty="certain", polarity="positive", source="author", predicate="use",
             actors=["serbia"], targets=[], dates=["PAST_REF"]),
        dict(id="c19", span="clashes in several cities in mid-August",
             type="event", certainty="certain", polarity="positive", source="author", predicate="clash",
             actors=[], targets=[], dates=["2025-08"]),
        dict(id="c20", span="the rights group Civic Initiatives said",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["civic-initiatives"], targets=[], dates=["2025-08"]),
        dict(id="c21", span="dozens of protesters had been beaten in custody",
             type="event", certainty="certain", polarity="positive", source="civic-initiatives", predicate="beat",
             actors=[], targets=[], dates=[]),
        dict(id="c22", span="Vučić now says",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["aleksandar-vucic"], targets=[], dates=["PRESENT_REF"]),
        dict(id="c23", span="early parliamentary elections could be held before the end of 2026",
             type="prediction", certainty="possible", polarity="positive", source="aleksandar-vucic", predicate="hold",
             actors=[], targets=[], dates=["2026"]),
        dict(id="c24", span="there are signs that the students will field their own list",
             type="prediction", certainty="probable", polarity="positive", source="author", predicate="field",
             actors=[], targets=[], dates=[]),
        # line 6
        dict(id="c25", span="Energy ties Belgrade to Moscow more tightly than any other issue",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="tie",
             actors=[], targets=["serbia", "russia"], dates=[]),
        dict(id="c26", span="Serbia buys almost all of its gas from Russia",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="buy",
             actors=["serbia"], targets=["russia"], dates=[]),
        dict(id="c27", span="the oil company Naftna Industrija Srbije (NIS) is majority-owned by Gazprom Neft",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="own",
             actors=["gazprom-neft"], targets=["nis"], dates=[]),
        dict(id="c28", span="Washington announced sanctions against NIS in January 2025",
             type="event", certainty="certain", polarity="positive", source="author", predicate="announce",
             actors=["united-states"], targets=["nis"], dates=["2025-01"]),
        dict(id="c29", span="postponed them repeatedly",
             type="event", certainty="certain", polarity="positive", source="author", predicate="postpone",
             actors=["united-states"], targets=["nis"], dates=[]),
        dict(id="c30", span="they finally took effect on 9 October",
             type="event", certainty="certain", polarity="positive", source="author", predicate="take effect",
             actors=["united-states"], targets=["nis"], dates=["2025-10-09"]),
        dict(id="c31", span="Two weeks earlier, Vučić had warned",
             type="event", certainty="certain", polarity="positive", source="author", predicate="warn",
             actors=["aleksandar-vucic"], targets=[], dates=["2025-09-25"]),
        dict(id="c32", span="the refinery in Pančevo could run out of crude oil by November",
             type="prediction", certainty="possible", polarity="positive", source="aleksandar-vucic", predicate="run out",
             actors=["nis"], targets=[], dates=["2025-11"]),
        dict(id="c33", span="Serbia’s gas supply contract with Gazprom apparently runs only until the end of the year",
             type="fact", certainty="probable", polarity="positive", source="author", predicate="run",
             actors=["serbia", "gazprom"], targets=[], dates=["2025"]),
        dict(id="c34", span="Moscow has not offered a longer one",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="offer",
             actors=["russia"], targets=["serbia"], dates=[]),
        # line 7
        dict(id="c35", span="China’s presence has grown fastest of all",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="grow",
             actors=["china"], targets=[], dates=[]),
        dict(id="c36", span="The free trade agreement signed in Beijing in October 2023",
             type="event", certainty="certain", polarity="positive", source="author", predicate="sign",
             actors=[], targets=[], dates=["2023-10"]),
        dict(id="c37", span="entered into force in July 2024, two months after Xi Jinping’s state visit to Belgrade",
             type="event", certainty="certain", polarity="positive", source="author", predicate="enter",
             actors=[], targets=[], dates=["2024-07"]),
        dict(id="c38", span="Chinese companies own the steelworks in Smederevo and the copper mines around Bor",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="own",
             actors=["china"], targets=[], dates=[]),
        dict(id="c39", span="they have built much of the country’s new motorway network",
             type="event", certainty="certain", polarity="positive", source="author", predicate="build",
             actors=["china"], targets=["serbia"], dates=[]),
        dict(id="c40", span="China was reportedly the largest single foreign investor in Serbia last year",
             type="fact", certainty="probable", polarity="positive", source="author", predicate="be",
             actors=["china"], targets=["serbia"], dates=["2024"]),
        dict(id="c41", span="Brussels has tried to compete",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="try",
             actors=["european-union"], targets=["china"], dates=[]),
        dict(id="c42", span="that the European Commission and Serbia signed on 19 July 2024",
             type="event", certainty="certain", polarity="positive", source="author", predicate="sign",
             actors=["european-commission", "serbia"], targets=[], dates=["2024-07-19"]),
        dict(id="c43", span="covers Rio Tinto’s lithium mine in the Jadar valley",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="cover",
             actors=[], targets=["rio-tinto"], dates=[]),
        dict(id="c44", span="which the EU wants for its car industry",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="want",
             actors=["european-union"], targets=[], dates=[]),
        dict(id="c45", span="thousands marched against the mine in Belgrade the following month",
             type="event", certainty="certain", polarity="positive", source="author", predicate="march",
             actors=[], targets=["rio-tinto"], dates=["2024-08"]),
        dict(id="c46", span="the project may still founder",
             type="prediction", certainty="possible", polarity="positive", source="author", predicate="founder",
             actors=[], targets=["rio-tinto"], dates=[]),
        # line 9
        dict(id="c47", span="Accession talks have stalled",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="stall",
             actors=[], targets=["serbia", "european-union"], dates=[]),
        dict(id="c48", span="Serbia opened 22 of the 35 negotiating chapters between 2015 and 2021",
             type="event", certainty="certain", polarity="positive", source="author", predicate="open",
             actors=["serbia"], targets=[], dates=["2015/2021"]),
        dict(id="c49", span="has not opened a new one since December 2021",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="open",
             actors=["serbia"], targets=[], dates=["2021-12"]),
        dict(id="c50", span="largely because Belgrade refuses to align with EU sanctions against Russia",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="refuse",
             actors=["serbia"], targets=["european-union", "russia"], dates=[]),
        dict(id="c51", span="The EU-facilitated dialogue with Kosovo has been largely frozen",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="freeze",
             actors=["serbia", "kosovo"], targets=[], dates=["2023-03"]),
        dict(id="c52", span="the Ohrid meeting of March 2023",
             type="event", certainty="certain", polarity="positive", source="author", predicate="meet",
             actors=[], targets=[], dates=["2023-03"]),
        dict(id="c53", span="Pristina has closed most Serbian-run institutions in the north",
             type="event", certainty="certain", polarity="positive", source="author", predicate="close",
             actors=["kosovo"], targets=["serbia"], dates=[]),
        dict(id="c54", span="Marta Kos, the EU’s enlargement commissioner, said this summer",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["marta-kos"], targets=[], dates=["2025-06/2025-08"]),
        dict(id="c55", span="Serbia could not advance without progress on the rule of law and media freedom",
             type="prediction", certainty="certain", polarity="negative", source="marta-kos", predicate="advance",
             actors=["serbia"], targets=[], dates=[]),
        # line 10
        dict(id="c56", span="The European Commission will publish its annual report in early November",
             type="prediction", certainty="certain", polarity="positive", source="author", predicate="publish",
             actors=["european-commission"], targets=["serbia"], dates=["2025-11"]),
        dict(id="c57", span="it is expected to be the harshest yet",
             type="prediction", certainty="probable", polarity="positive", source="author", predicate="be",
             actors=["european-commission"], targets=["serbia"], dates=[]),
        dict(id="c58", span="Brussels does not want to lose Serbia to Moscow or Beijing",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="want",
             actors=["european-union"], targets=["serbia", "russia", "china"], dates=[]),
        dict(id="c59", span="Vučić apparently knows it",
             type="assessment", certainty="probable", polarity="positive", source="author", predicate="know",
             actors=["aleksandar-vucic"], targets=["european-union"], dates=[]),
        dict(id="c60", span="Last month he met Xi and Vladimir Putin in Beijing",
             type="event", certainty="certain", polarity="positive", source="author", predicate="meet",
             actors=["aleksandar-vucic"], targets=["xi-jinping", "vladimir-putin"], dates=["2025-09"]),
        dict(id="c61", span="He insists",
             type="event", certainty="certain", polarity="positive", source="author", predicate="insist",
             actors=["aleksandar-vucic"], targets=[], dates=[]),
        dict(id="c62", span="Serbia will stay on its European path",
             type="prediction", certainty="certain", polarity="positive", source="aleksandar-vucic", predicate="stay",
             actors=["serbia"], targets=["european-union"], dates=[]),
        dict(id="c63", span="he has also said",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["aleksandar-vucic"], targets=[], dates=[]),
        dict(id="c64", span="it will never impose sanctions on Russia",
             type="prediction", certainty="certain", polarity="negative", source="aleksandar-vucic", predicate="impose",
             actors=["serbia"], targets=["russia"], dates=[]),
        dict(id="c65", span="If elections are held next year, the students could offer voters a real alternative",
             type="prediction", certainty="possible", polarity="positive", source="author", predicate="offer",
             actors=[], targets=[], dates=["2026"]),
        dict(id="c66", span="For now, Belgrade is likely to keep drifting between the blocs",
             type="prediction", certainty="probable", polarity="positive", source="author", predicate="drift",
             actors=["serbia"], targets=["european-union", "russia", "china"], dates=["PRESENT_REF"]),
        # line 11: bio
        dict(id="c67", span="Tobias Reinholt is a senior fellow at the Central European Policy Forum in Graz",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["tobias-reinholt"], targets=["central-european-policy-forum"], dates=[]),
    ],
)
# ---------------------------------------------------------------------------
# Checks and output
# ---------------------------------------------------------------------------
LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
          "WORK_OF_ART", "LAW", "LANGUAGE"}
TYPES = {"event", "fact", "assessment", "prediction"}
CERTAINTIES = {"certain", "probable", "possible"}
POLARITIES = {"positive", "negative"}
VAGUE = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
_D = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
VALUE_RE = re.compile(rf"^(?:{_D}(?:/{_D})?|PAST_REF|PRESENT_REF|FUTURE_REF)$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Time-like words that must lie inside a date span or be listed in `non_dates`.
TIME_WORD_RE = re.compile(
    r"(?<!\w)(?:1\d{3}|20\d{2}|January|February|March|April|June|July|August|"
    r"September|October|November|December|May(?= \d)|"
    r"(?i:spring|summer|autumn|winter|years?|months?|weeks?|days?|hours?|nights?|"
    r"generation|today|tonight|now|nowadays|recent(?:ly)?|ago|later|earlier|"
    r"currently|decades?|centur(?:y|ies)|yesterday|tomorrow|future))(?!\w)")
SENT_SPLIT_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z‘“])")
PREPOSITION_RE = re.compile(r"(?i)(?:in|on|at|from|since|by|until|during|through|for|before|after) ")
COORDINATOR_RE = re.compile(r"(?i)(?:and|but|or|so|yet|nor) ")


class BuildError(Exception):
    """A check failed; the message names the article, the record and the problem."""


def check(cond, msg):
    """Raise BuildError(msg) unless cond holds."""
    if not cond:
        raise BuildError(msg)


def whole_word_matches(text, s):
    """Start offsets of all whole-word matches of s in text (overlapping ones included)."""
    pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")
    starts, pos = [], 0
    while True:
        m = pat.search(text, pos)
        if not m:
            return starts
        starts.append(m.start())
        pos = m.start() + 1


def substring_matches(text, s):
    """Start offsets of all (overlapping) plain substring matches of s in text."""
    starts, pos = [], 0
    while True:
        i = text.find(s, pos)
        if i < 0:
            return starts
        starts.append(i)
        pos = i + 1


def locate(text, surface, occ, where, whole_word=True):
    """(start, end) of occurrence `occ` of `surface`; checks text[start:end] == surface."""
    matches = (whole_word_matches if whole_word else substring_matches)(text, surface)
    check(matches, f"{where}: {surface!r} not found")
    check(0 <= occ < len(matches), f"{where}: {surface!r} occ={occ} but only {len(matches)} match(es)")
    start = matches[occ]
    end = start + len(surface)
    check(text[start:end] == surface, f"{where}: offset mismatch for {surface!r}")
    return start, end


def sentences(text):
    """(start, end, line_no) of every sentence; each line is split after . ? ! and a space."""
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
    """True if the half-open spans a and b share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def parse_value(value):
    """Split a date value into a list of (year, month, day) tuples (month/day may be None)."""
    parts = []
    for p in value.split("/"):
        bits = [int(x) for x in p.split("-")]
        parts.append(tuple(bits + [None] * (3 - len(bits))))
    return parts


def add_months(year, month, n):
    """(year, month) shifted by n months."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def season_value(season, year):
    """SPEC season interval for the season that starts in `year` (winter runs into year + 1)."""
    a, b = SEASON_MONTHS[season]
    end_year = year + 1 if season == "winter" else year
    return f"{year}-{a:02d}/{end_year}-{b:02d}"


def expected_relative_value(surface, dct, anchor):
    """Value of a DCT-relative or chained expression under SPEC's rules, or None if not one.

    Args:
        surface: the date span text.
        dct: the document creation time (datetime.date).
        anchor: value of the nearest earlier date in the text, or None.

    Returns:
        The value string the rules give, or None when the surface is not a
        pattern this function knows (absolute and partial dates, vague ones).
    """
    s = surface.lower()
    if s in ("now", "the current context"):
        return "PRESENT_REF"
    if s.startswith("recent ") or s == "the past":
        return "PAST_REF"
    if s.startswith("the coming "):
        return "FUTURE_REF"
    if s == "last year":
        return str(dct.year - 1)
    if s == "next year":
        return str(dct.year + 1)
    if s == "last month":
        y, mo = add_months(dct.year, dct.month, -1)
        return f"{y}-{mo:02d}"
    if s == "this year":
        return str(dct.year)
    m = re.fullmatch(r"(last|this) (spring|summer|autumn|winter)", s)
    if m:
        season = m.group(2)
        if m.group(1) == "this":
            # the season of the DCT's year; a winter runs from December, so in January or
            # February "this winter" is the one that began the previous December
            year = dct.year - 1 if season == "winter" and dct.month <= 2 else dct.year
            return season_value(season, year)
        # "last <season>": the latest such season that ended before the DCT's month
        ended = []
        for year in (dct.year - 2, dct.year - 1, dct.year):
            end_year = year + 1 if season == "winter" else year
            if (end_year, SEASON_MONTHS[season][1]) < (dct.year, dct.month):
                ended.append(year)
        return season_value(season, max(ended))
    m = re.fullmatch(r"last (" + "|".join(x.lower() for x in MONTHS) + ")", s)
    if m:
        month = [x.lower() for x in MONTHS].index(m.group(1)) + 1
        year = dct.year if month < dct.month else dct.year - 1
        return f"{year}-{month:02d}"
    if anchor is None or anchor in VAGUE:
        return None
    (ay, am, ad) = parse_value(anchor)[0]
    if s in ("the same day", "the following day", "the next day") and ad:
        d = datetime.date(ay, am, ad) + datetime.timedelta(days=0 if "same" in s else 1)
        return d.isoformat()
    if s == "the following month" and am:
        y, mo = add_months(ay, am, 1)
        return f"{y}-{mo:02d}"
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? (later|earlier)", s)
    if m and m.group(1) in NUMBER_WORDS:
        n, unit = NUMBER_WORDS[m.group(1)], m.group(2)
        n = -n if m.group(3) == "earlier" else n
        if unit in ("day", "week") and ad:
            d = datetime.date(ay, am, ad) + datetime.timedelta(days=n * (7 if unit == "week" else 1))
            return d.isoformat()
        if unit == "month" and am:
            y, mo = add_months(ay, am, n)
            return f"{y}-{mo:02d}"
        if unit == "year":
            return str(ay + n)
    if s == "the end of the month" and am:
        return f"{ay}-{am:02d}"
    m = re.fullmatch(r"that (spring|summer|autumn|winter)", s)
    if m:
        return season_value(m.group(1), ay)
    return None


def check_explicit_parts(surface, value, where):
    """Years, month names, day numbers and seasons written in the surface must agree with the value."""
    if value in VAGUE:
        return
    parts = parse_value(value)
    years = {p[0] for p in parts}
    for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", surface):
        check(int(y) in years, f"{where}: year {y} in {surface!r} but value {value}")
    months_in_value = {p[1] for p in parts}
    for i, name in enumerate(MONTHS, 1):
        if re.search(rf"(?<!\w){name}(?!\w)", surface):
            check(i in months_in_value, f"{where}: month {name} in {surface!r} but value {value}")
            m = re.search(rf"(?<!\d)(\d{{1,2}}) {name}|{name} (\d{{1,2}})(?!\d)", surface)
            if m:
                day = int(m.group(1) or m.group(2))
                check(any(p[2] == day for p in parts), f"{where}: day {day} in {surface!r} but value {value}")
    for season in SEASON_MONTHS:
        if re.search(rf"(?i)(?<!\w){season}(?!\w)", surface):
            check(len(parts) == 2 and (parts[0][1], parts[1][1]) == SEASON_MONTHS[season],
                  f"{where}: season {season!r} must be the month interval {SEASON_MONTHS[season]}, got {value}")
            if season == "winter":
                check(parts[1][0] == parts[0][0] + 1, f"{where}: winter must run into the next year: {value}")


def build_kb():
    """KB rows as dicts keyed by id, after checking ids, labels and metonyms."""
    kb = {}
    for row in KB:
        kb_id, label, name, aliases = row[:4]
        extra = dict(row[4]) if len(row) > 4 else {}
        check(re.fullmatch(r"[a-z0-9][a-z0-9-]*", kb_id), f"kb: bad id {kb_id!r}")
        check(kb_id not in kb, f"kb: duplicate id {kb_id!r}")
        check(label in LABELS, f"kb {kb_id}: bad label {label!r}")
        check(len(set(aliases)) == len(aliases) and name not in aliases, f"kb {kb_id}: repeated alias")
        for m in extra.get("metonyms", []):
            check(m in aliases, f"kb {kb_id}: metonym {m!r} must also be an alias")
        wikidata = extra.pop("wikidata", None)
        check(wikidata is None or re.fullmatch(r"Q\d+", wikidata), f"kb {kb_id}: bad wikidata {wikidata!r}")
        kb[kb_id] = {"id": kb_id, "label": label, "name": name, "aliases": list(aliases),
                     "wikidata": wikidata, **extra}
    return kb


def build_article(aid, spec, kb):
    """Check one article's annotations against its text and return its annotation record."""
    raw = open(os.path.join(CORPUS, f"{aid}.txt"), "rb").read()
    sha = hashlib.sha256(raw).hexdigest()
    check(sha == spec["text_sha256"],
          f"{aid}: text_sha256 is {sha}, annotations were made on {spec['text_sha256']}; "
          f"re-check every span against the edited text, then update the recorded hash")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    check(not text.endswith("\n") and "\r" not in text, f"{aid}: text must have LF line ends and no final newline")

    # --- metadata (SPEC section 1)
    meta = json.load(open(os.path.join(CORPUS, f"{aid}.json"), encoding="utf-8"))
    check(re.fullmatch(r"[a-z0-9][a-z0-9-]*", aid), f"{aid}: bad article id")
    for key in ("id", "title", "author", "published", "publisher", "language", "url"):
        check(key in meta, f"{aid}.json: missing field {key!r}")
    check(meta["id"] == aid, f"{aid}.json: id must be {aid!r}")
    check(meta["title"] == lines[0], f"{aid}.json: title must equal the first line of the text")
    check(meta["language"] == "en", f"{aid}.json: language must be 'en'")
    check(meta["published"] == spec["dct"], f"{aid}.json: published must equal the DCT used here ({spec['dct']})")
    check(lines[-1].startswith(meta["author"] + " "), f"{aid}.json: author must open the bio line")
    dct = datetime.date.fromisoformat(spec["dct"])
    for h in spec["headings"]:
        check(h in lines, f"{aid}: heading {h!r} is not a line of the text")
    title_or_heading = {0} | {lines.index(h) for h in spec["headings"]}
    bio_line = len(lines) - 1

    # --- entities
    entities = []
    for surface, occ, label, kb_id in spec["entities"]:
        where = f"{aid} entity {surface!r}#{occ}"
        start, end = locate(text, surface, occ, where)
        check(label in LABELS, f"{where}: bad label {label!r}")
        check(kb_id in kb, f"{where}: kb_id {kb_id!r} not in the KB")
        check(kb[kb_id]["label"] == label, f"{where}: label {label} but KB {kb_id} is {kb[kb_id]['label']}")
        check(surface == kb[kb_id]["name"] or surface in kb[kb_id]["aliases"],
              f"{where}: surface is neither the name nor an alias of {kb_id}")
        check(not re.match(r"(?i)the ", surface), f"{where}: leading 'the'")
        check(not re.search(r"[’']s$", surface), f"{where}: possessive")
        check(surface[0] not in "‘’“”\"'" and surface[-1] not in "‘’“”\"'", f"{where}: quote inside span")
        entities.append({"start": start, "end": end, "text": surface, "label": label, "kb_id": kb_id})
    entities.sort(key=lambda x: x["start"])
    for a, b in zip(entities, entities[1:]):
        check(a["end"] <= b["start"], f"{aid}: entities {a['text']!r} and {b['text']!r} overlap")
    # completeness: every whole-word occurrence of a KB name or alias lies inside an entity span
    for kb_id, entry in kb.items():
        for form in [entry["name"]] + entry["aliases"]:
            form = re.sub(r"^the ", "", form)
            for st in whole_word_matches(text, form):
                check(any(x["start"] <= st and st + len(form) <= x["end"] for x in entities),
                      f"{aid}: unannotated mention {form!r} ({kb_id}) at {st}: "
                      f"…{text[max(0, st - 30):st + len(form) + 30]!r}…")

    # --- dates
    dates = []
    for surface, occ, value in spec["dates"]:
        where = f"{aid} date {surface!r}#{occ}"
        start, end = locate(text, surface, occ, where)
        check(VALUE_RE.match(value), f"{where}: value {value!r} is not one SPEC allows")
        if "/" in value:
            a, b = value.split("/")
            check(a < b, f"{where}: interval {value} does not increase")
        check(not PREPOSITION_RE.match(surface), f"{where}: span starts with a preposition")
        check(text.count("\n", 0, start) not in title_or_heading, f"{where}: date in title or heading")
        check_explicit_parts(surface, value, where)
        dates.append({"start": start, "end": end, "text": surface, "value": value})
    dates.sort(key=lambda x: x["start"])
    for a, b in zip(dates, dates[1:]):
        check(a["end"] <= b["start"], f"{aid}: dates {a['text']!r} and {b['text']!r} overlap")
    for d in dates:
        check(not any(overlaps((d["start"], d["end"]), (e["start"], e["end"])) for e in entities),
              f"{aid}: date {d['text']!r} overlaps an entity")
    # relative and chained expressions: DCT-relative ones from the DCT, chained ones from
    # the nearest earlier date in the text (SPEC section 3, Dates)
    for i, d in enumerate(dates):
        anchor = dates[i - 1]["value"] if i else None
        expected = expected_relative_value(d["text"], dct, anchor)
        if expected is not None:
            check(d["value"] == expected,
                  f"{aid} date {d['text']!r} at {d['start']}: value {d['value']} but the rule gives {expected}")
    non_dates = [locate(text, s, o, f"{aid} non-date {s!r}#{o}") for s, o, _why in spec["non_dates"]]
    for m in TIME_WORD_RE.finditer(text):
        span = (m.start(), m.end())
        covered = any(d["start"] <= span[0] and span[1] <= d["end"] for d in dates) or \
            any(a <= span[0] and span[1] <= b for a, b in non_dates)
        check(covered, f"{aid}: time word {m.group()!r} at {m.start()} is neither in a date span nor a "
                       f"listed non-date: …{text[max(0, m.start() - 30):m.end() + 30]!r}…")
    for a, b in non_dates:
        check(not any(overlaps((a, b), (d["start"], d["end"])) for d in dates),
              f"{aid}: non-date {text[a:b]!r} overlaps a date")

    # --- claims
    sents = sentences(text)
    mentioned = {x["kb_id"] for x in entities}
    claims = []
    for i, c in enumerate(spec["claims"], 1):
        where = f"{aid} claim {c['id']}"
        check(c["id"] == f"c{i}", f"{where}: ids must run c1, c2, … in order")
        start, end = locate(text, c["span"], c.get("occ", 0), where, whole_word=False)
        span = c["span"]
        check("\n" not in span, f"{where}: claim crosses a line")
        check(text.count("\n", 0, start) not in title_or_heading, f"{where}: claim in title or heading")
        check(span == span.strip() and not span.endswith((".", ",", ";", ":")),
              f"{where}: span has surrounding space or final punctuation")
        check(not COORDINATOR_RE.match(span), f"{where}: span starts with a coordinator")
        check(c["type"] in TYPES, f"{where}: type {c['type']!r}")
        check(c["certainty"] in CERTAINTIES, f"{where}: certainty {c['certainty']!r}")
        check(c["polarity"] in POLARITIES, f"{where}: polarity {c['polarity']!r}")
        check(c["source"] == "author" or c["source"] in mentioned,
              f"{where}: source must be 'author' or a kb_id mentioned in the article")
        check(c["predicate"] and c["predicate"] == c["predicate"].lower().strip(), f"{where}: predicate")
        for role in ("actors", "targets"):
            check(len(set(c[role])) == len(c[role]), f"{where}: repeated {role}")
            for k in c[role]:
                check(k in kb, f"{where}: {role} {k!r} not in the KB")
                check(k in mentioned, f"{where}: {role} {k!r} is never mentioned in the article")
        in_sentence = [sp for sp in sents if overlaps(sp, (start, end))]
        local_values = {d["value"] for d in dates
                        if any(sp[0] <= d["start"] and d["end"] <= sp[1] for sp in in_sentence)}
        for v in c["dates"]:
            check(v in local_values, f"{where}: date {v!r} is not annotated in the claim's sentence")
        check(len(set(c["dates"])) == len(c["dates"]), f"{where}: repeated date")
        claims.append({"id": c["id"], "start": start, "end": end, "text": span,
                       "type": c["type"], "certainty": c["certainty"], "polarity": c["polarity"],
                       "source": c["source"], "predicate": c["predicate"],
                       "actors": list(c["actors"]), "targets": list(c["targets"]),
                       "dates": list(c["dates"])})
    for a, b in zip(claims, claims[1:]):
        check(a["start"] < b["start"], f"{aid}: claims not in text order at {b['id']}")
        check(a["end"] <= b["start"], f"{aid}: claims {a['id']} and {b['id']} overlap")
    for st, en, line_no in sents:
        if line_no in title_or_heading or st == en or text[st:en].rstrip().endswith("?"):
            continue
        check(any(overlaps((st, en), (c["start"], c["end"])) for c in claims),
              f"{aid}: sentence without a claim: {text[st:en]!r}")
    bio_claims = [c for c in claims if text.count("\n", 0, c["start"]) == bio_line]
    check(len(bio_claims) == 1 and bio_claims[0]["type"] == "fact", f"{aid}: the bio must carry exactly one fact")

    return {"article_id": aid, "annotator": ANNOTATOR, "text_sha256": sha,
            "entities": entities, "dates": dates, "claims": claims}


def summary(aid, record, text):
    """Human-readable counts for one article."""
    claims = record["claims"]
    count = lambda key: dict(sorted(Counter(c[key] for c in claims).items()))
    return "\n".join([
        f"{aid}: {len(text.split())} words",
        f"  entities {len(record['entities'])} "
        f"{dict(sorted(Counter(x['label'] for x in record['entities']).items()))}",
        f"  dates    {len(record['dates'])}",
        f"  claims   {len(claims)} type {count('type')} certainty {count('certainty')} "
        f"polarity {count('polarity')} reported {sum(c['source'] != 'author' for c in claims)}",
    ])


def write_json(path, obj):
    """Write obj as indented UTF-8 JSON through a temporary file, so no file is left half-written."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def main():
    """Check everything first, then write the gold records and the KB."""
    kb = build_kb()
    records, used = {}, set()
    for aid, spec in ARTICLES.items():
        records[aid] = build_article(aid, spec, kb)
        used |= {x["kb_id"] for x in records[aid]["entities"]}
    unused = sorted(set(kb) - used)
    check(not unused, f"kb: entries never mentioned in any article: {unused}")

    for aid, record in records.items():
        write_json(os.path.join(ANNOTATIONS, aid, f"{ANNOTATOR}.json"), record)
        text = open(os.path.join(CORPUS, f"{aid}.txt"), encoding="utf-8").read()
        print(summary(aid, record, text))
    kb_path = os.path.join(ANNOTATIONS, "kb.jsonl")
    with open(kb_path + ".tmp", "w", encoding="utf-8") as f:
        for entry in kb.values():
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    os.replace(kb_path + ".tmp", kb_path)
    print(f"kb.jsonl: {len(kb)} entities {dict(sorted(Counter(e['label'] for e in kb.values()).items()))}")


if __name__ == "__main__":
    try:
        main()
    except BuildError as exc:
        print(f"BUILD FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
