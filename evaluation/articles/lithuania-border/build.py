#!/usr/bin/env python3
"""Gold for `lithuania-border`, in readable form (surface strings + occurrence index).

Run: python build.py   (standard library only). Writes annotations/lithuania-border/gold.json
and annotations/kb.jsonl after checking every span. Adapted from the dev set's build.py.
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
    ("alexander-lukashenko", "PERSON", "Alexander Lukashenko",
     ["Lukashenka", "Alyaksandr Lukashenka", "Aliaksandr Lukashenka", "Alexander Lukashenka",
      "Aleksandr Lukashenko", "Lukashenko"]),
    ("gitanas-nauseda", "PERSON", "Gitanas Nausėda", ["Nausėda", "Nauseda", "Gitanas Nauseda"]),
    ("friedrich-merz", "PERSON", "Friedrich Merz", ["Merz"]),
    ("annika-holmberg", "PERSON", "Annika Holmberg", ["Holmberg"], {"note": "fictional author"}),
    # NORP
    ("lithuanians", "NORP", "Lithuanians", ["Lithuanian"]),
    ("belarusians", "NORP", "Belarusians", ["Belarusian", "Byelorussian"]),
    ("russians", "NORP", "Russians", ["Russian"]),
    ("germans", "NORP", "Germans", ["German"]),
    ("poles", "NORP", "Poles", ["Polish"]),
    # ORG
    ("european-union", "ORG", "European Union", ["EU", "E.U.", "Brussels"],
     {"wikidata": "Q458", "metonyms": ["Brussels"]}),
    ("nato", "ORG", "North Atlantic Treaty Organization", ["NATO", "North Atlantic Alliance", "Atlantic Alliance"]),
    ("frontex", "ORG", "Frontex", ["European Border and Coast Guard Agency"]),
    ("kremlin", "ORG", "Kremlin", ["the Kremlin"], {"note": "the Russian leadership"}),
    ("ryanair", "ORG", "Ryanair", []),
    ("amnesty-international", "ORG", "Amnesty International", ["Amnesty"]),
    ("state-border-guard-service", "ORG", "State Border Guard Service",
     ["State Border Guard Service of Lithuania", "VSAT"],
     {"note": "Lithuania's border guard, under the Ministry of the Interior"}),
    ("court-of-justice-of-the-european-union", "ORG", "Court of Justice of the European Union",
     ["CJEU", "European Court of Justice", "ECJ"]),
    ("linava", "ORG", "Linava", ["Lithuanian National Road Carriers’ Association"],
     {"note": "Lithuanian hauliers' association"}),
    ("nordic-institute-for-baltic-security", "ORG", "Nordic Institute for Baltic Security", [],
     {"note": "fictional institute"}),
    # GPE
    ("lithuania", "GPE", "Lithuania", ["Republic of Lithuania", "Lietuva", "Vilnius"],
     {"wikidata": "Q37", "metonyms": ["Vilnius"],
      "note": "'Vilnius' denoting the Lithuanian government links here"}),
    ("vilnius", "GPE", "Vilnius", ["Wilno"], {"note": "the city (literal uses); the Lithuanian government is 'lithuania'"}),
    ("belarus", "GPE", "Belarus", ["Republic of Belarus", "Belorussia", "Byelorussia", "Minsk"],
     {"metonyms": ["Minsk"]}),
    ("minsk", "GPE", "Minsk", [], {"note": "the city (literal uses); the Belarusian government is 'belarus'"}),
    ("russia", "GPE", "Russia", ["Russian Federation", "Moscow"], {"wikidata": "Q159", "metonyms": ["Moscow"]}),
    ("germany", "GPE", "Germany", ["Federal Republic of Germany", "Berlin"], {"metonyms": ["Berlin"]}),
    ("poland", "GPE", "Poland", ["Republic of Poland", "Warsaw"], {"metonyms": ["Warsaw"]}),
    ("kaliningrad-oblast", "GPE", "Kaliningrad Oblast", ["Kaliningrad", "Kaliningrad region", "Kaliningrad Region"],
     {"note": "the Russian exclave between Lithuania and Poland"}),
    ("iraq", "GPE", "Iraq", ["Republic of Iraq"]),
    ("copenhagen", "GPE", "Copenhagen", ["København"]),
    # LOC
    ("the-west", "LOC", "the West", ["West", "Western world"], {"note": "the Western world as a political bloc"}),
    ("suwalki-gap", "LOC", "Suwałki Gap", ["Suwalki Gap", "Suwałki Corridor", "Suwalki Corridor"],
     {"note": "the strip of Polish land between Belarus and Kaliningrad Oblast"}),
    # EVENT
    ("second-world-war", "EVENT", "Second World War", ["World War II", "World War Two", "WWII"]),
]

ARTICLES = {}
ARTICLES["lithuania-border"] = dict(
    dct="2025-11-18",
    text_sha256=None,  # filled in below from the file; checked against RECORDED_SHA if set
    headings=["A crisis made in Minsk", "Kaliningrad and the German brigade", "Balloons over Vilnius"],
    entities=[
        # line 0 title
        ("Lithuania", 0, "GPE", "lithuania"),
        # line 1 standfirst
        ("Lithuania", 1, "GPE", "lithuania"),
        ("Belarus", 0, "GPE", "belarus"),
        ("Russia", 0, "GPE", "russia"),
        ("Kaliningrad", 0, "GPE", "kaliningrad-oblast"),
        ("Vilnius", 0, "GPE", "vilnius"),
        ("Vilnius", 1, "GPE", "lithuania"),
        ("German", 0, "NORP", "germans"),
        # line 2 heading
        ("Minsk", 0, "GPE", "belarus"),
        # line 3
        ("European Union", 0, "ORG", "european-union"),
        ("Ryanair", 0, "ORG", "ryanair"),
        ("Minsk", 1, "GPE", "minsk"),
        ("Alyaksandr Lukashenka", 0, "PERSON", "alexander-lukashenko"),
        ("Belarus", 1, "GPE", "belarus"),
        ("West", 0, "LOC", "the-west"),
        ("Minsk", 2, "GPE", "belarus"),
        ("Iraq", 0, "GPE", "iraq"),
        ("Lithuanian", 0, "NORP", "lithuanians"),
        ("Vilnius", 2, "GPE", "lithuania"),
        ("Frontex", 0, "ORG", "frontex"),
        ("EU", 0, "ORG", "european-union"),
        ("Lukashenka", 1, "PERSON", "alexander-lukashenko"),
        # line 4
        ("Lithuania", 2, "GPE", "lithuania"),
        ("State Border Guard Service", 0, "ORG", "state-border-guard-service"),
        ("Amnesty International", 0, "ORG", "amnesty-international"),
        ("EU", 1, "ORG", "european-union"),
        ("Court of Justice of the European Union", 0, "ORG", "court-of-justice-of-the-european-union"),
        ("Vilnius", 3, "GPE", "lithuania"),
        ("Belarus", 2, "GPE", "belarus"),
        # line 5 heading
        ("Kaliningrad", 1, "GPE", "kaliningrad-oblast"),
        ("German", 1, "NORP", "germans"),
        # line 6
        ("Moscow", 0, "GPE", "russia"),
        ("Kaliningrad", 2, "GPE", "kaliningrad-oblast"),
        ("Vilnius", 4, "GPE", "lithuania"),
        ("EU", 2, "ORG", "european-union"),
        ("Kremlin", 0, "ORG", "kremlin"),
        ("Russian", 0, "NORP", "russians"),
        ("Lithuanians", 0, "NORP", "lithuanians"),
        ("Brussels", 0, "ORG", "european-union"),
        ("Vilnius", 5, "GPE", "lithuania"),
        ("Berlin", 0, "GPE", "germany"),
        # line 7
        ("Berlin", 1, "GPE", "germany"),
        ("Vilnius", 6, "GPE", "lithuania"),
        ("German", 2, "NORP", "germans"),
        ("Germany", 0, "GPE", "germany"),
        ("Second World War", 0, "EVENT", "second-world-war"),
        ("Friedrich Merz", 0, "PERSON", "friedrich-merz"),
        ("Vilnius", 7, "GPE", "vilnius"),
        ("Lithuania", 3, "GPE", "lithuania"),
        ("Germany", 1, "GPE", "germany"),
        ("NATO", 0, "ORG", "nato"),
        ("Suwałki Gap", 0, "LOC", "suwalki-gap"),
        ("Polish", 0, "NORP", "poles"),
        ("Belarus", 3, "GPE", "belarus"),
        ("Kaliningrad", 3, "GPE", "kaliningrad-oblast"),
        # line 8 heading
        ("Vilnius", 8, "GPE", "vilnius"),
        # line 9
        ("Belarus", 4, "GPE", "belarus"),
        ("Vilnius", 9, "GPE", "vilnius"),
        ("Gitanas Nausėda", 0, "PERSON", "gitanas-nauseda"),
        ("Lukashenka", 2, "PERSON", "alexander-lukashenko"),
        ("Lithuanian", 1, "NORP", "lithuanians"),
        ("Vilnius", 10, "GPE", "lithuania"),
        # line 10
        ("Belarus", 5, "GPE", "belarus"),
        ("Lithuanian", 2, "NORP", "lithuanians"),
        ("Linava", 0, "ORG", "linava"),
        ("Minsk", 3, "GPE", "belarus"),
        # line 11
        ("Brussels", 1, "ORG", "european-union"),
        ("Vilnius", 11, "GPE", "lithuania"),
        ("Nausėda", 1, "PERSON", "gitanas-nauseda"),
        ("EU", 3, "ORG", "european-union"),
        ("EU", 4, "ORG", "european-union"),
        ("Belarus", 6, "GPE", "belarus"),
        ("Warsaw", 0, "GPE", "poland"),
        ("Russian", 1, "NORP", "russians"),
        ("Belarusian", 0, "NORP", "belarusians"),
        ("Lithuania", 4, "GPE", "lithuania"),
        ("Lithuanian", 3, "NORP", "lithuanians"),
        ("Vilnius", 12, "GPE", "lithuania"),
        # line 12 bio
        ("Annika Holmberg", 0, "PERSON", "annika-holmberg"),
        ("Nordic Institute for Baltic Security", 0, "ORG", "nordic-institute-for-baltic-security"),
        ("Copenhagen", 0, "GPE", "copenhagen"),
    ],
    dates=[
        # line 1
        ("the summer of 2021", 0, "2021-06/2021-08"),
        ("last month", 0, "2025-10"),
        # line 3
        ("May 2021", 0, "2021-05"),
        ("That summer", 0, "2021-06/2021-08"),
        ("2021", 2, "2021"),
        ("2020", 0, "2020"),
        ("July", 0, "2021-07"),
        # line 4
        ("late 2021", 0, "2021"),
        ("August 2022", 0, "2022-08"),
        ("2021 and 2023", 0, "2021/2023"),
        ("June 2022", 0, "2022-06"),
        ("Two years ago", 0, "2023"),
        # line 6
        ("17 June 2022", 0, "2022-06-17"),
        ("the next day", 0, "2022-06-18"),
        ("A month later", 0, "2022-07"),
        # line 7
        ("April 2025", 0, "2025-04"),
        ("2027", 0, "2027"),
        ("May 22, 2025", 0, "2025-05-22"),
        # line 9
        ("October 2025", 0, "2025-10"),
        ("24 October", 0, "2025-10-24"),
        ("the next day", 1, "2025-10-25"),
        # line 10
        ("27 October 2025", 0, "2025-10-27"),
        ("A week later", 0, "2025-11-03"),
        # line 11
        ("now", 0, "PRESENT_REF"),
        ("September", 0, "2025-09"),
        ("this year", 0, "2025"),
        ("2026", 0, "2026"),
        ("this winter", 0, "2025-12/2026-02"),
    ],
    non_dates=[],
    claims=[
        # ---- standfirst
        dict(id="c1", span="Since the summer of 2021, Lithuania has faced hybrid pressure from Belarus and from Russia’s exclave of Kaliningrad, from engineered migrant flows to smuggler balloons",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="face",
             actors=["lithuania"], targets=["belarus", "russia", "kaliningrad-oblast"], dates=["2021-06/2021-08"]),
        dict(id="c2", span="that closed the airport in Vilnius last month",
             type="event", certainty="certain", polarity="positive", source="author", predicate="close",
             actors=[], targets=[], dates=["2025-10"]),
        dict(id="c3", span="Vilnius has answered with a fence, border closures and German troops",
             type="event", certainty="certain", polarity="positive", source="author", predicate="answer",
             actors=["lithuania"], targets=[], dates=[]),
        dict(id="c4", span="the next test may come from the air rather than across the ground",
             type="prediction", certainty="possible", polarity="positive", source="author", predicate="come",
             actors=[], targets=["lithuania"], dates=[]),
        # ---- line 3
        dict(id="c5", span="The first blow came as a migration crisis",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="come",
             actors=["belarus"], targets=["lithuania"], dates=[]),
        dict(id="c6", span="as the European Union prepared sanctions over the forced landing of a Ryanair flight in Minsk",
             type="event", certainty="certain", polarity="positive", source="author", predicate="prepare",
             actors=["european-union"], targets=["belarus"], dates=["2021-05"]),
        dict(id="c7", span="Alyaksandr Lukashenka warned",
             type="event", certainty="certain", polarity="positive", source="author", predicate="warn",
             actors=["alexander-lukashenko"], targets=["european-union"], dates=["2021-05"]),
        dict(id="c8", span="Belarus would no longer stop migrants heading for the West",
             type="prediction", certainty="certain", polarity="negative", source="alexander-lukashenko", predicate="stop",
             actors=["belarus"], targets=["the-west"], dates=[]),
        dict(id="c9", span="That summer, Minsk apparently began flying in travellers from Iraq",
             type="event", certainty="probable", polarity="positive", source="author", predicate="begin",
             actors=["belarus"], targets=[], dates=["2021-06/2021-08"]),
        dict(id="c10", span="steering them towards the Lithuanian border",
             type="event", certainty="probable", polarity="positive", source="author", predicate="steer",
             actors=["belarus"], targets=["lithuania"], dates=["2021-06/2021-08"]),
        dict(id="c11", span="More than 4,000 people crossed in 2021",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="cross",
             actors=[], targets=["lithuania"], dates=["2021"]),
        dict(id="c12", span="81 in 2020",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="cross",
             actors=[], targets=["lithuania"], dates=["2020"]),
        dict(id="c13", span="Vilnius declared an emergency in July",
             type="event", certainty="certain", polarity="positive", source="author", predicate="declare",
             actors=["lithuania"], targets=[], dates=["2021-07"]),
        dict(id="c14", span="asked Frontex, the EU border agency, for help",
             type="event", certainty="certain", polarity="positive", source="author", predicate="ask",
             actors=["lithuania"], targets=["frontex"], dates=[]),
        dict(id="c15", span="Lukashenka denied any role",
             type="event", certainty="certain", polarity="positive", source="author", predicate="deny",
             actors=["alexander-lukashenko"], targets=[], dates=[]),
        dict(id="c16", span="he has never accepted responsibility",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="accept",
             actors=["alexander-lukashenko"], targets=[], dates=[]),
        # ---- line 4
        dict(id="c17", span="Lithuania’s answer was physical",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["lithuania"], targets=[], dates=[]),
        dict(id="c18", span="Construction of a steel fence began in late 2021",
             type="event", certainty="certain", polarity="positive", source="author", predicate="begin",
             actors=[], targets=[], dates=["2021"]),
        dict(id="c19", span="the barrier, some 500 kilometres long, was completed in August 2022",
             type="event", certainty="certain", polarity="positive", source="author", predicate="complete",
             actors=[], targets=[], dates=["2022-08"]),
        dict(id="c20", span="Between 2021 and 2023, border guards turned back more than 20,000 attempts to cross, according to the State Border Guard Service",
             type="fact", certainty="certain", polarity="positive", source="state-border-guard-service", predicate="turn back",
             actors=["lithuania"], targets=[], dates=["2021/2023"]),
        dict(id="c21", span="Amnesty International said",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["amnesty-international"], targets=[], dates=[]),
        dict(id="c22", span="such pushbacks breached EU law",
             type="assessment", certainty="certain", polarity="positive", source="amnesty-international", predicate="breach",
             actors=["lithuania"], targets=["european-union"], dates=[]),
        dict(id="c23", span="the Court of Justice of the European Union ruled in June 2022",
             type="event", certainty="certain", polarity="positive", source="author", predicate="rule",
             actors=["court-of-justice-of-the-european-union"], targets=["lithuania"], dates=["2022-06"]),
        dict(id="c24", span="the blanket detention of asylum seekers was unlawful",
             type="fact", certainty="certain", polarity="positive", source="court-of-justice-of-the-european-union", predicate="be",
             actors=[], targets=[], dates=[]),
        dict(id="c25", span="Two years ago, Vilnius also closed two more of its crossings with Belarus",
             type="event", certainty="certain", polarity="positive", source="author", predicate="close",
             actors=["lithuania"], targets=["belarus"], dates=["2023"]),
        # ---- line 6
        dict(id="c26", span="Moscow’s leverage runs through Kaliningrad",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="run",
             actors=["russia"], targets=[], dates=[]),
        dict(id="c27", span="On 17 June 2022, Vilnius announced",
             type="event", certainty="certain", polarity="positive", source="author", predicate="announce",
             actors=["lithuania"], targets=[], dates=["2022-06-17"]),
        dict(id="c28", span="EU sanctions would apply to rail transit of steel and other goods to the exclave",
             type="prediction", certainty="certain", polarity="positive", source="lithuania", predicate="apply",
             actors=["european-union"], targets=["kaliningrad-oblast"], dates=[]),
        dict(id="c29", span="the restrictions took effect the next day",
             type="event", certainty="certain", polarity="positive", source="author", predicate="take effect",
             actors=["lithuania"], targets=["kaliningrad-oblast"], dates=["2022-06-18"]),
        dict(id="c30", span="The Kremlin called the step a blockade",
             type="event", certainty="certain", polarity="positive", source="author", predicate="call",
             actors=["kremlin"], targets=["lithuania"], dates=[]),
        dict(id="c31", span="Russian officials warned",
             type="event", certainty="certain", polarity="positive", source="author", predicate="warn",
             actors=["russia"], targets=["lithuanians"], dates=[]),
        dict(id="c32", span="Lithuanians would feel the consequences",
             type="prediction", certainty="certain", polarity="positive", source="russia", predicate="feel",
             actors=["lithuanians"], targets=[], dates=[]),
        dict(id="c33", span="A month later, Brussels issued guidance",
             type="event", certainty="certain", polarity="positive", source="author", predicate="issue",
             actors=["european-union"], targets=[], dates=["2022-07"]),
        dict(id="c34", span="that allowed the transit to resume",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="allow",
             actors=["european-union"], targets=["kaliningrad-oblast"], dates=[]),
        dict(id="c35", span="Vilnius complied",
             type="event", certainty="certain", polarity="positive", source="author", predicate="comply",
             actors=["lithuania"], targets=["european-union"], dates=["2022-07"]),
        dict(id="c36", span="Berlin had reportedly urged it to back down",
             type="event", certainty="probable", polarity="positive", source="author", predicate="urge",
             actors=["germany"], targets=["lithuania"], dates=[]),
        # ---- line 7
        dict(id="c37", span="Berlin has since become Vilnius’s closest partner",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="become",
             actors=["germany"], targets=["lithuania"], dates=[]),
        dict(id="c38", span="A German armoured brigade, formally activated in April 2025",
             type="event", certainty="certain", polarity="positive", source="author", predicate="activate",
             actors=[], targets=["germany"], dates=["2025-04"]),
        dict(id="c39", span="is Germany’s first permanent combat unit stationed abroad since the Second World War",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["germany"], targets=[], dates=[]),
        dict(id="c40", span="it is due to reach about 5,000 troops by 2027",
             type="prediction", certainty="certain", polarity="positive", source="author", predicate="reach",
             actors=["germany"], targets=[], dates=["2027"]),
        dict(id="c41", span="On May 22, 2025, Chancellor Friedrich Merz told a ceremony in Vilnius",
             type="event", certainty="certain", polarity="positive", source="author", predicate="tell",
             actors=["friedrich-merz"], targets=[], dates=["2025-05-22"]),
        dict(id="c42", span="the defence of Lithuania was the defence of Germany",
             type="assessment", certainty="certain", polarity="positive", source="friedrich-merz", predicate="be",
             actors=["lithuania"], targets=["germany"], dates=[]),
        dict(id="c43", span="NATO planners appear to regard the brigade as a guard for the Suwałki Gap, the narrow strip of Polish land between Belarus and Kaliningrad",
             type="fact", certainty="probable", polarity="positive", source="author", predicate="regard",
             actors=["nato"], targets=["suwalki-gap"], dates=[]),
        # ---- line 9
        dict(id="c44", span="The newest pressure comes from the air",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="come",
             actors=["belarus"], targets=["lithuania"], dates=[]),
        dict(id="c45", span="In October 2025, smugglers in Belarus sent dozens of helium balloons loaded with cigarettes across the border",
             type="event", certainty="certain", polarity="positive", source="author", predicate="send",
             actors=[], targets=[], dates=["2025-10"]),
        dict(id="c46", span="the airport in Vilnius was closed several times",
             type="event", certainty="certain", polarity="positive", source="author", predicate="close",
             actors=[], targets=[], dates=["2025-10"]),
        dict(id="c47", span="On 24 October, dozens of flights were cancelled or diverted",
             type="event", certainty="certain", polarity="positive", source="author", predicate="cancel",
             actors=[], targets=[], dates=["2025-10-24"]),
        dict(id="c48", span="the next day, the airport closed again",
             type="event", certainty="certain", polarity="positive", source="author", predicate="close",
             actors=[], targets=[], dates=["2025-10-25"]),
        dict(id="c49", span="President Gitanas Nausėda said",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["gitanas-nauseda"], targets=[], dates=[]),
        dict(id="c50", span="the balloons amounted to a hybrid attack",
             type="assessment", certainty="certain", polarity="positive", source="gitanas-nauseda", predicate="amount",
             actors=[], targets=["lithuania"], dates=[]),
        dict(id="c51", span="Lukashenka claimed",
             type="event", certainty="certain", polarity="positive", source="author", predicate="claim",
             actors=["alexander-lukashenko"], targets=[], dates=[]),
        dict(id="c52", span="Lithuanian smugglers were to blame",
             type="assessment", certainty="certain", polarity="positive", source="alexander-lukashenko", predicate="blame",
             actors=["lithuanians"], targets=[], dates=[]),
        dict(id="c53", span="mocked Vilnius for its nervousness",
             type="event", certainty="certain", polarity="positive", source="author", predicate="mock",
             actors=["alexander-lukashenko"], targets=["lithuania"], dates=[]),
        # ---- line 10
        dict(id="c54", span="The closure of the last two crossings on 27 October 2025",
             type="event", certainty="certain", polarity="positive", source="author", predicate="close",
             actors=[], targets=[], dates=["2025-10-27"]),
        dict(id="c55", span="did not stop the balloons",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="stop",
             actors=[], targets=[], dates=[]),
        dict(id="c56", span="A week later, Belarus was reportedly holding more than 1,000 Lithuanian lorries on its side of the border",
             type="event", certainty="probable", polarity="positive", source="author", predicate="hold",
             actors=["belarus"], targets=["lithuanians"], dates=["2025-11-03"]),
        dict(id="c57", span="Linava, the hauliers’ association, warned",
             type="event", certainty="certain", polarity="positive", source="author", predicate="warn",
             actors=["linava"], targets=[], dates=["2025-11-03"]),
        dict(id="c58", span="some firms could go bankrupt",
             type="prediction", certainty="possible", polarity="positive", source="linava", predicate="go bankrupt",
             actors=[], targets=[], dates=[]),
        dict(id="c59", span="Minsk appears to be using the trucks as a bargaining chip",
             type="assessment", certainty="probable", polarity="positive", source="author", predicate="use",
             actors=["belarus"], targets=["lithuania"], dates=[]),
        # ---- line 11
        dict(id="c60", span="Brussels has been slower than Vilnius hoped",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["european-union"], targets=["lithuania"], dates=[]),
        dict(id="c61", span="Nausėda has urged the EU to list the balloon operators under its sanctions regime",
             type="event", certainty="certain", polarity="positive", source="author", predicate="urge",
             actors=["gitanas-nauseda"], targets=["european-union"], dates=[]),
        dict(id="c62", span="according to EU diplomats, a new package of measures against Belarus is now being prepared",
             type="event", certainty="certain", polarity="positive", source="european-union", predicate="prepare",
             actors=[], targets=["belarus"], dates=["PRESENT_REF"]),
        dict(id="c63", span="which shut its own crossings in September during Russian-Belarusian military exercises",
             type="event", certainty="certain", polarity="positive", source="author", predicate="shut",
             actors=["poland"], targets=[], dates=["2025-09"]),
        dict(id="c64", span="may back a common line",
             type="prediction", certainty="possible", polarity="positive", source="author", predicate="back",
             actors=["poland"], targets=[], dates=[]),
        dict(id="c65", span="Lithuania will spend about 4 per cent of its GDP on defence this year",
             type="prediction", certainty="certain", polarity="positive", source="author", predicate="spend",
             actors=["lithuania"], targets=[], dates=["2025"]),
        dict(id="c66", span="plans to spend more than 5 per cent in 2026",
             type="prediction", certainty="certain", polarity="positive", source="author", predicate="spend",
             actors=["lithuania"], targets=[], dates=["2026"]),
        dict(id="c67", span="Lithuanian officials warned",
             type="event", certainty="certain", polarity="positive", source="author", predicate="warn",
             actors=["lithuania"], targets=[], dates=[]),
        dict(id="c68", span="the balloons could return this winter",
             type="prediction", certainty="possible", polarity="positive", source="lithuania", predicate="return",
             actors=[], targets=["lithuania"], dates=["2025-12/2026-02"]),
        dict(id="c69", span="no fence can stop them",
             type="assessment", certainty="certain", polarity="negative", source="author", predicate="stop",
             actors=[], targets=[], dates=[]),
        dict(id="c70", span="For Vilnius, the eastern border is no longer a line to be guarded",
             type="assessment", certainty="certain", polarity="negative", source="author", predicate="be",
             actors=["lithuania"], targets=[], dates=[]),
        dict(id="c71", span="a front to be managed",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["lithuania"], targets=[], dates=[]),
        # ---- bio
        dict(id="c72", span="Annika Holmberg is a senior fellow at the Nordic Institute for Baltic Security in Copenhagen",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["annika-holmberg"], targets=["nordic-institute-for-baltic-security"], dates=[]),
    ],
)
ARTICLES['lithuania-border']['text_sha256'] = '4e1d9ec8d029a7e32d5f888a2090746c386440bcefa1d0e5c18f2241a7a1d00a'
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
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
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
    if s == "last month":
        y, mo = add_months(dct.year, dct.month, -1)
        return f"{y}-{mo:02d}"
    m = re.fullmatch(r"(\w+) years? ago", s)
    if m and m.group(1) in NUMBER_WORDS:
        return str(dct.year - NUMBER_WORDS[m.group(1)])
    if s == "last year":
        return str(dct.year - 1)
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
