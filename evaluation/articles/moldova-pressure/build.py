#!/usr/bin/env python3
"""Held-out gold for `moldova-pressure` (one invented policy-analysis article).

Same span notation and checks as the development set's build.py (whose check
functions are reused below, standard library only): every span is its exact
surface string plus `occ`, the 0-based index of the intended whole-word
occurrence in the file (claims: plain substring occurrence, `occ` only where
not 0).  Run: python build.py  -> annotations/moldova-pressure/gold.json and
annotations/kb.jsonl.  Judgement calls are listed in NOTES.md.
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
    ("maia-sandu", "PERSON", "Maia Sandu", ["Sandu"]),
    ("alexandr-stoianoglo", "PERSON", "Alexandr Stoianoglo",
     ["Stoianoglo", "Alexandru Stoianoglo", "Aleksandr Stoianoglo"]),
    ("ilan-shor", "PERSON", "Ilan Shor", ["Shor", "Ilan Șor", "Șor", "Ilan Sor", "Ilan Şor"]),
    ("viorel-cernauteanu", "PERSON", "Viorel Cernăuțeanu",
     ["Cernăuțeanu", "Viorel Cernauteanu", "Cernauteanu", "Viorel Cernăuţeanu"]),
    ("evghenia-gutul", "PERSON", "Evghenia Guțul",
     ["Guțul", "Evghenia Gutul", "Gutul", "Evghenia Guţul", "Yevgenia Gutsul", "Evgenia Gutsul", "Gutsul"]),
    ("elena-cojocaru", "PERSON", "Elena Cojocaru", ["Cojocaru"], {"note": "fictional analyst"}),
    ("dorin-recean", "PERSON", "Dorin Recean", ["Recean"]),
    ("igor-dodon", "PERSON", "Igor Dodon", ["Dodon"]),
    ("nicusor-dan", "PERSON", "Nicușor Dan", ["Nicusor Dan", "Nicuşor Dan"]),
    ("george-simion", "PERSON", "George Simion", ["Simion"]),
    ("jonas-weller", "PERSON", "Jonas Weller", ["Weller"], {"note": "fictional author"}),
    # NORP
    ("moldovans", "NORP", "Moldovans", ["Moldovan"]),
    ("russians", "NORP", "Russians", ["Russian"]),
    ("romanians", "NORP", "Romanians", ["Romanian"]),
    ("hungarians", "NORP", "Hungarians", ["Hungarian"]),
    ("europeans", "NORP", "Europeans", ["European"]),
    ("gagauz", "NORP", "Gagauz", ["Gagauz people", "Gagauzians"]),
    # FAC
    ("cuciurgan-power-station", "FAC", "Cuciurgan power station",
     ["Cuciurgan power plant", "Kuchurgan power station", "Kuchurhan power station",
      "Moldavskaya GRES", "MGRES", "Moldovan GRES"],
     {"note": "gas- and coal-fired plant in Transnistria; lower-case 'power station' is part of the conventional name"}),
    # ORG
    ("european-union", "ORG", "European Union", ["EU", "E.U.", "Brussels"],
     {"wikidata": "Q458", "metonyms": ["Brussels"]}),
    ("kremlin", "ORG", "Kremlin", ["the Kremlin", "Moscow Kremlin"],
     {"note": "the Russian leadership"}),
    ("gazprom", "ORG", "Gazprom", ["PJSC Gazprom"]),
    ("party-of-action-and-solidarity", "ORG", "Party of Action and Solidarity",
     ["PAS", "Partidul Acțiune și Solidaritate", "Partidul Actiune si Solidaritate", "Action and Solidarity Party"]),
    ("patriotic-electoral-bloc", "ORG", "Patriotic Electoral Bloc", ["Patriotic Bloc", "BEP"]),
    ("osce", "ORG", "Organization for Security and Co-operation in Europe", ["OSCE"]),
    ("constitutional-court-of-moldova", "ORG", "Constitutional Court of Moldova", ["Constitutional Court"]),
    ("danube-centre-for-european-neighbourhood-studies", "ORG", "Danube Centre for European Neighbourhood Studies", [],
     {"note": "fictional institute"}),
    # GPE
    ("moldova", "GPE", "Moldova", ["Republic of Moldova", "Chișinău", "Chisinau", "Chişinău", "Kishinev"],
     {"wikidata": "Q217", "metonyms": ["Chișinău", "Chisinau", "Chişinău", "Kishinev"],
      "note": "'Chișinău' denoting the Moldovan government links here"}),
    ("chisinau", "GPE", "Chișinău", ["Chisinau", "Chişinău", "Kishinev"],
     {"note": "the city (literal uses); the Moldovan government is 'moldova'"}),
    ("russia", "GPE", "Russia", ["Russian Federation", "Moscow"], {"wikidata": "Q159", "metonyms": ["Moscow"]}),
    ("moscow", "GPE", "Moscow", [], {"note": "the city (literal uses); the Russian government is 'russia'"}),
    ("romania", "GPE", "Romania", ["Bucharest"], {"wikidata": "Q218", "metonyms": ["Bucharest"]}),
    ("bucharest", "GPE", "Bucharest", ["București", "Bucuresti"],
     {"note": "the city (literal uses); the Romanian government is 'romania'"}),
    ("brussels", "GPE", "Brussels", ["Bruxelles"],
     {"note": "the city (literal uses); 'Brussels' for the EU is ORG 'european-union'"}),
    ("ukraine", "GPE", "Ukraine", ["Kyiv"], {"wikidata": "Q212", "metonyms": ["Kyiv"]}),
    ("hungary", "GPE", "Hungary", ["Budapest"], {"wikidata": "Q28", "metonyms": ["Budapest"]}),
    ("italy", "GPE", "Italy", [], {"wikidata": "Q38"}),
    ("germany", "GPE", "Germany", [], {"wikidata": "Q183"}),
    ("transnistria", "GPE", "Transnistria",
     ["Pridnestrovie", "Transdniestria", "Transnistrian Moldavian Republic", "Pridnestrovian Moldavian Republic",
      "Tiraspol"],
     {"metonyms": ["Tiraspol"],
      "note": "the breakaway region and its unrecognised de facto authorities; 'Tiraspol' denoting them links here"}),
    ("tiraspol", "GPE", "Tiraspol", [], {"note": "the city (literal uses); the separatist authorities are 'transnistria'"}),
    ("gagauzia", "GPE", "Gagauzia", ["Gagauz Yeri", "Găgăuzia", "Autonomous Territorial Unit of Gagauzia"]),
    ("vienna", "GPE", "Vienna", ["Wien"]),
    # LOC
    ("europe", "LOC", "Europe", [], {"wikidata": "Q46"}),
    ("the-west", "LOC", "the West", ["West", "Western world"], {"note": "the Western world as a political bloc"}),
    ("dniester", "LOC", "Dniester", ["Nistru", "Dnister", "Dniester River", "Nistru River"]),
]

ARTICLES = {}
ARTICLES["moldova-pressure"] = dict(
    dct="2025-12-09",
    text_sha256="a5adb81edf315fddf896c802c4060d2123d8025639d18d0321b90737182891c2",
    headings=["A referendum won by a whisker", "Cold radiators in Tiraspol", "Between Brussels and Bucharest"],
    # (surface, occ, label, kb_id)
    entities=[
        # line 0: title
        ("Moldova", 0, "GPE", "moldova"),
        ("European", 0, "NORP", "europeans"),
        ("Russian", 0, "NORP", "russians"),
        # line 1: standfirst
        ("Moldova", 1, "GPE", "moldova"),
        ("Moscow", 0, "GPE", "russia"),
        ("Europe", 0, "LOC", "europe"),
        ("European", 1, "NORP", "europeans"),          # pro-European
        ("Kremlin", 0, "ORG", "kremlin"),
        ("Moldovans", 0, "NORP", "moldovans"),
        # line 3
        ("European Union", 0, "ORG", "european-union"),
        ("Moldovans", 1, "NORP", "moldovans"),
        ("Italy", 0, "GPE", "italy"),
        ("Germany", 0, "GPE", "germany"),
        ("Romania", 0, "GPE", "romania"),
        ("Maia Sandu", 0, "PERSON", "maia-sandu"),
        ("Alexandr Stoianoglo", 0, "PERSON", "alexandr-stoianoglo"),
        ("Russian", 1, "NORP", "russians"),            # pro-Russian
        ("Sandu", 1, "PERSON", "maia-sandu"),
        ("Moscow", 1, "GPE", "moscow"),                # literal: run from Moscow
        ("Ilan Shor", 0, "PERSON", "ilan-shor"),
        ("Viorel Cernăuțeanu", 0, "PERSON", "viorel-cernauteanu"),
        ("Moldovans", 2, "NORP", "moldovans"),
        ("Russian", 2, "NORP", "russians"),
        # line 4
        ("Shor", 1, "PERSON", "ilan-shor"),
        ("Gagauzia", 0, "GPE", "gagauzia"),
        ("Gagauz", 0, "NORP", "gagauz"),
        ("Moscow", 2, "GPE", "russia"),
        ("Brussels", 0, "ORG", "european-union"),
        ("Evghenia Guțul", 0, "PERSON", "evghenia-gutul"),
        ("Shor", 2, "PERSON", "ilan-shor"),            # a Shor ally
        ("Constitutional Court", 0, "ORG", "constitutional-court-of-moldova"),
        ("Moscow", 3, "GPE", "russia"),
        ("Shor", 3, "PERSON", "ilan-shor"),
        ("Elena Cojocaru", 0, "PERSON", "elena-cojocaru"),
        ("Chișinău", 0, "GPE", "chisinau"),            # literal: a political scientist in Chișinău
        # line 5: heading
        ("Tiraspol", 0, "GPE", "tiraspol"),            # literal place
        # line 6
        ("Moscow", 4, "GPE", "russia"),
        ("Ukraine", 0, "GPE", "ukraine"),
        ("Gazprom", 0, "ORG", "gazprom"),
        ("Russian", 3, "NORP", "russians"),
        ("Transnistria", 0, "GPE", "transnistria"),
        ("Dniester", 0, "LOC", "dniester"),
        ("Russian", 4, "NORP", "russians"),
        ("Tiraspol", 1, "GPE", "transnistria"),        # the separatist authorities act
        ("Cuciurgan power station", 0, "FAC", "cuciurgan-power-station"),
        ("Dorin Recean", 0, "PERSON", "dorin-recean"),
        ("Kremlin", 1, "ORG", "kremlin"),
        ("Chișinău", 1, "GPE", "moldova"),
        ("Romania", 1, "GPE", "romania"),
        # line 7
        ("Russian", 5, "NORP", "russians"),            # Russian-linked
        ("Hungarian", 0, "NORP", "hungarians"),
        ("EU", 0, "ORG", "european-union"),
        ("Chișinău", 2, "GPE", "moldova"),
        ("Moscow", 5, "GPE", "russia"),
        # line 8: heading
        ("Brussels", 1, "ORG", "european-union"),
        ("Bucharest", 0, "GPE", "romania"),
        # line 9
        ("European", 3, "NORP", "europeans"),          # pro-European camp
        ("Sandu", 2, "PERSON", "maia-sandu"),
        ("Party of Action and Solidarity", 0, "ORG", "party-of-action-and-solidarity"),
        ("PAS", 0, "ORG", "party-of-action-and-solidarity"),
        ("Patriotic Electoral Bloc", 0, "ORG", "patriotic-electoral-bloc"),
        ("Igor Dodon", 0, "PERSON", "igor-dodon"),
        ("OSCE", 0, "ORG", "osce"),
        # line 10
        ("Romania", 2, "GPE", "romania"),
        ("Chișinău", 3, "GPE", "moldova"),
        ("Bucharest", 1, "GPE", "romania"),
        ("Moldova", 2, "GPE", "moldova"),
        ("Moldovans", 3, "NORP", "moldovans"),
        ("Romanian", 0, "NORP", "romanians"),
        ("Romania", 3, "GPE", "romania"),
        ("Russian", 6, "NORP", "russians"),            # Russian-backed
        ("Chișinău", 4, "GPE", "moldova"),
        ("Nicușor Dan", 0, "PERSON", "nicusor-dan"),
        ("European", 4, "NORP", "europeans"),          # pro-European mayor
        ("Bucharest", 2, "GPE", "bucharest"),          # literal: mayor of Bucharest
        ("George Simion", 0, "PERSON", "george-simion"),
        # line 11
        ("Brussels", 2, "ORG", "european-union"),
        ("Moldova", 3, "GPE", "moldova"),
        ("Chișinău", 5, "GPE", "chisinau"),            # literal venue of the summit
        ("Hungary", 0, "GPE", "hungary"),
        ("Ukraine", 1, "GPE", "ukraine"),
        ("Moldova", 4, "GPE", "moldova"),
        ("EU", 1, "ORG", "european-union"),
        ("Chișinău", 6, "GPE", "moldova"),
        ("Sandu", 3, "PERSON", "maia-sandu"),
        ("Moldova", 5, "GPE", "moldova"),
        ("Brussels", 3, "GPE", "brussels"),            # literal: analysts in Brussels
        ("Russia", 0, "GPE", "russia"),
        ("West", 0, "LOC", "the-west"),
        ("Gagauzia", 1, "GPE", "gagauzia"),
        ("Guțul", 1, "PERSON", "evghenia-gutul"),
        ("Moscow", 6, "GPE", "russia"),
        ("Chișinău", 7, "GPE", "moldova"),
        ("Brussels", 4, "ORG", "european-union"),
        ("Moldova", 6, "GPE", "moldova"),
        ("European", 5, "NORP", "europeans"),          # Moldova's European bet
        # line 12: bio
        ("Jonas Weller", 0, "PERSON", "jonas-weller"),
        ("Danube Centre for European Neighbourhood Studies", 0, "ORG",
         "danube-centre-for-european-neighbourhood-studies"),
        ("Vienna", 0, "GPE", "vienna"),
    ],
    # (surface, occ, value)
    dates=[
        ("last year", 0, "2024"),
        ("28 September 2025", 0, "2025-09-28"),
        ("20 October 2024", 0, "2024-10-20"),
        ("Two weeks later", 0, "2024-11-03"),
        ("2014", 0, "2014"),
        ("September", 1, "2024-09"),
        ("October 2024", 1, "2024-10"),
        ("August 2025", 0, "2025-08"),
        ("June 2023", 0, "2023-06"),
        ("1 January 2025", 0, "2025-01-01"),
        ("February", 0, "2025-02"),
        ("September", 2, "2025-09"),
        ("Last winter", 0, "2024-12/2025-02"),
        ("now", 0, "PRESENT_REF"),
        ("December 2024", 0, "2024-12"),
        ("the following spring", 0, "2025-03/2025-05"),
        ("June 2024", 0, "2024-06"),
        ("July 2025", 0, "2025-07"),
        ("recent months", 0, "PAST_REF"),
        ("2030", 0, "2030"),
        ("next year", 0, "2026"),
    ],
    non_dates=[
        ("later", 1, "bare 'later' with no stated interval: 'the police later traced'"),
        ("days", 0, "vague interval 'Within days' with no calendar anchor"),
    ],
    claims=[
        # line 1 (standfirst)
        dict(id="c1", span="Moldova has withstood vote-buying networks, an energy crisis partly engineered by Moscow and a referendum on Europe",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="withstand",
             actors=["moldova"], targets=[], dates=[]),
        dict(id="c2", span="that it won by a whisker last year",
             type="event", certainty="certain", polarity="positive", source="author", predicate="win",
             actors=["moldova"], targets=[], dates=["2024"]),
        dict(id="c3", span="the parliamentary elections of 28 September 2025",
             type="event", certainty="certain", polarity="positive", source="author", predicate="elect",
             actors=[], targets=[], dates=["2025-09-28"]),
        dict(id="c4", span="left its pro-European government with a majority",
             type="event", certainty="certain", polarity="positive", source="author", predicate="leave",
             actors=[], targets=["moldova"], dates=[]),
        dict(id="c5", span="that many pollsters had not expected",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="expect",
             actors=[], targets=[], dates=[]),
        dict(id="c6", span="The harder test probably lies ahead",
             type="prediction", certainty="probable", polarity="positive", source="author", predicate="lie",
             actors=[], targets=["moldova"], dates=[]),
        dict(id="c7", span="because the Kremlin seems to be shifting from buying votes to exploiting divisions",
             type="assessment", certainty="probable", polarity="positive", source="author", predicate="shift",
             actors=["kremlin"], targets=["moldova"], dates=[]),
        dict(id="c8", span="that Moldovans have never resolved",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="resolve",
             actors=["moldovans"], targets=[], dates=[]),
        # line 3
        dict(id="c9", span="The referendum of 20 October 2024",
             type="event", certainty="certain", polarity="positive", source="author", predicate="referendum",
             actors=[], targets=[], dates=["2024-10-20"]),
        dict(id="c10", span="which asked whether the goal of joining the European Union belonged in the constitution",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="ask",
             actors=[], targets=["european-union"], dates=[]),
        dict(id="c11", span="passed with barely 50.4 per cent of the vote",
             type="event", certainty="certain", polarity="positive", source="author", predicate="pass",
             actors=[], targets=[], dates=[]),
        dict(id="c12", span="it was the ballots of Moldovans abroad, many of them in Italy, Germany and Romania, that tipped the balance",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="tip",
             actors=["moldovans"], targets=[], dates=[]),
        dict(id="c13", span="Two weeks later, Maia Sandu won the presidential run-off against Alexandr Stoianoglo",
             type="event", certainty="certain", polarity="positive", source="author", predicate="win",
             actors=["maia-sandu"], targets=["alexandr-stoianoglo"], dates=["2024-11-03"]),
        dict(id="c14", span="although she lost among voters inside the country",
             type="event", certainty="certain", polarity="positive", source="author", predicate="lose",
             actors=["maia-sandu"], targets=[], dates=["2024-11-03"]),
        dict(id="c15", span="Sandu said",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["maia-sandu"], targets=[], dates=[]),
        dict(id="c16", span="criminal groups had tried to buy as many as 300,000 votes",
             type="event", certainty="certain", polarity="positive", source="maia-sandu", predicate="try",
             actors=[], targets=[], dates=[]),
        dict(id="c17", span="the police later traced much of the money to a network run from Moscow by Ilan Shor",
             type="event", certainty="certain", polarity="positive", source="author", predicate="trace",
             actors=["moldova"], targets=["ilan-shor"], dates=[]),
        dict(id="c18", span="According to Viorel Cernăuțeanu, the national police chief, some 130,000 Moldovans received payments through a sanctioned Russian bank in September and October 2024",
             type="event", certainty="certain", polarity="positive", source="viorel-cernauteanu", predicate="receive",
             actors=["moldovans"], targets=[], dates=["2024-09", "2024-10"]),
        # line 4
        dict(id="c19", span="Shor’s influence has been strongest in Gagauzia",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["ilan-shor"], targets=["gagauzia"], dates=[]),
        dict(id="c20", span="whose Gagauz population has long looked to Moscow rather than Brussels",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="look",
             actors=["gagauz"], targets=["russia"], dates=[]),
        dict(id="c21", span="Evghenia Guțul, the region’s governor and a Shor ally, was sentenced in August 2025 for channelling illegal money into his party",
             type="event", certainty="certain", polarity="positive", source="author", predicate="sentence",
             actors=[], targets=["evghenia-gutul"], dates=["2025-08"]),
        dict(id="c22", span="which the Constitutional Court had banned in June 2023",
             type="event", certainty="certain", polarity="positive", source="author", predicate="ban",
             actors=["constitutional-court-of-moldova"], targets=["ilan-shor"], dates=["2023-06"]),
        dict(id="c23", span="a verdict that Moscow condemned as political persecution",
             type="event", certainty="certain", polarity="positive", source="author", predicate="condemn",
             actors=["russia"], targets=["moldova"], dates=[]),
        dict(id="c24", span="Shor sold people a grievance along with the cash",
             type="assessment", certainty="certain", polarity="positive", source="elena-cojocaru", predicate="sell",
             actors=["ilan-shor"], targets=[], dates=[]),
        dict(id="c25", span="the grievance will outlive the cash",
             type="prediction", certainty="certain", polarity="positive", source="elena-cojocaru", predicate="outlive",
             actors=[], targets=[], dates=[]),
        dict(id="c26", span="said Elena Cojocaru",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["elena-cojocaru"], targets=[], dates=[]),
        # line 6
        dict(id="c27", span="Moscow’s other lever was energy",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["russia"], targets=[], dates=[]),
        dict(id="c28", span="When Ukraine let its transit contract with Gazprom expire on 1 January 2025",
             type="event", certainty="certain", polarity="positive", source="author", predicate="let",
             actors=["ukraine"], targets=["gazprom"], dates=["2025-01-01"]),
        dict(id="c29", span="Russian gas stopped flowing to Transnistria",
             type="event", certainty="certain", polarity="positive", source="author", predicate="stop",
             actors=["russia"], targets=["transnistria"], dates=["2025-01-01"]),
        dict(id="c30", span="where some 1,500 Russian troops remain stationed",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="station",
             actors=[], targets=["russia"], dates=[]),
        dict(id="c31", span="Within days, Tiraspol cut heating and hot water",
             type="event", certainty="certain", polarity="positive", source="author", predicate="cut",
             actors=["transnistria"], targets=[], dates=[]),
        dict(id="c32", span="shut down most of its factories",
             type="event", certainty="certain", polarity="positive", source="author", predicate="shut down",
             actors=["transnistria"], targets=[], dates=[]),
        dict(id="c33", span="which had supplied most of the right bank’s electricity",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="supply",
             actors=["cuciurgan-power-station"], targets=["moldova"], dates=[]),
        dict(id="c34", span="switched to coal",
             type="event", certainty="certain", polarity="positive", source="author", predicate="switch",
             actors=["cuciurgan-power-station"], targets=[], dates=[]),
        dict(id="c35", span="Dorin Recean, then prime minister, warned",
             type="event", certainty="certain", polarity="positive", source="author", predicate="warn",
             actors=["dorin-recean"], targets=[], dates=[]),
        dict(id="c36", span="the Kremlin was deliberately provoking a humanitarian crisis to destabilise the country",
             type="assessment", certainty="certain", polarity="positive", source="dorin-recean", predicate="provoke",
             actors=["kremlin"], targets=["moldova"], dates=[]),
        dict(id="c37", span="Chișinău bought power from Romania",
             type="event", certainty="certain", polarity="positive", source="author", predicate="buy",
             actors=["moldova"], targets=["romania"], dates=[]),
        # line 7
        dict(id="c38", span="Gas deliveries resumed in February",
             type="event", certainty="certain", polarity="positive", source="author", predicate="resume",
             actors=[], targets=["transnistria"], dates=["2025-02"]),
        dict(id="c39", span="reportedly financed by a Russian-linked loan",
             type="event", certainty="probable", polarity="positive", source="author", predicate="finance",
             actors=["russia"], targets=["transnistria"], dates=[]),
        dict(id="c40", span="routed through a Hungarian intermediary",
             type="event", certainty="probable", polarity="positive", source="author", predicate="route",
             actors=[], targets=[], dates=[]),
        dict(id="c41", span="The separatist authorities had turned down an EU offer of help",
             type="event", certainty="certain", polarity="positive", source="author", predicate="turn down",
             actors=["transnistria"], targets=["european-union"], dates=[]),
        dict(id="c42", span="that would have tied them to Chișinău",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="tie",
             actors=["european-union"], targets=["transnistria", "moldova"], dates=[]),
        dict(id="c43", span="the gamble probably paid off",
             type="assessment", certainty="probable", polarity="positive", source="author", predicate="pay off",
             actors=["transnistria"], targets=[], dates=[]),
        dict(id="c44", span="since Moscow did not let the region freeze",
             type="fact", certainty="certain", polarity="negative", source="author", predicate="let",
             actors=["russia"], targets=["transnistria"], dates=[]),
        # line 9
        dict(id="c45", span="In September’s parliamentary elections, the pro-European camp showed both its strength and its limits",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="show",
             actors=["party-of-action-and-solidarity"], targets=[], dates=["2025-09"]),
        dict(id="c46", span="Sandu’s Party of Action and Solidarity (PAS) won just over 50 per cent of the vote and 55 of the 101 seats",
             type="event", certainty="certain", polarity="positive", source="author", predicate="win",
             actors=["party-of-action-and-solidarity"], targets=[], dates=[]),
        dict(id="c47", span="while the Patriotic Electoral Bloc, led by former president Igor Dodon, came second with about a quarter",
             type="event", certainty="certain", polarity="positive", source="author", predicate="come",
             actors=["patriotic-electoral-bloc"], targets=[], dates=[]),
        dict(id="c48", span="Observers from the OSCE said",
             type="event", certainty="certain", polarity="positive", source="author", predicate="say",
             actors=["osce"], targets=[], dates=[]),
        dict(id="c49", span="the vote had been competitive",
             type="assessment", certainty="certain", polarity="positive", source="osce", predicate="be",
             actors=[], targets=[], dates=[]),
        dict(id="c50", span="marred by illicit financing and disinformation",
             type="assessment", certainty="certain", polarity="positive", source="osce", predicate="mar",
             actors=[], targets=[], dates=[]),
        # line 10
        dict(id="c51", span="Romania remains Chișinău’s indispensable partner",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="remain",
             actors=["romania"], targets=["moldova"], dates=[]),
        dict(id="c52", span="Last winter, Bucharest covered most of Moldova’s electricity needs",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="cover",
             actors=["romania"], targets=["moldova"], dates=["2024-12/2025-02"]),
        dict(id="c53", span="probably more than a million Moldovans now hold Romanian passports",
             type="fact", certainty="probable", polarity="positive", source="author", predicate="hold",
             actors=["moldovans"], targets=["romania"], dates=["PRESENT_REF"]),
        dict(id="c54", span="The annulment of Romania’s presidential election in December 2024",
             type="event", certainty="certain", polarity="positive", source="author", predicate="annul",
             actors=[], targets=["romania"], dates=["2024-12"]),
        dict(id="c55", span="alarmed Chișinău",
             type="event", certainty="certain", polarity="positive", source="author", predicate="alarm",
             actors=[], targets=["moldova"], dates=[]),
        dict(id="c56", span="Nicușor Dan, the pro-European mayor of Bucharest, defeated the nationalist George Simion in the repeat vote the following spring",
             type="event", certainty="certain", polarity="positive", source="author", predicate="defeat",
             actors=["nicusor-dan"], targets=["george-simion"], dates=["2025-03/2025-05"]),
        # line 11
        dict(id="c57", span="Brussels opened accession talks with Moldova in June 2024",
             type="event", certainty="certain", polarity="positive", source="author", predicate="open",
             actors=["european-union"], targets=["moldova"], dates=["2024-06"]),
        dict(id="c58", span="held its first summit with the country in Chișinău in July 2025",
             type="event", certainty="certain", polarity="positive", source="author", predicate="hold",
             actors=["european-union"], targets=["moldova"], dates=["2025-07"]),
        dict(id="c59", span="Hungary’s veto on Ukraine’s negotiating clusters has so far held Moldova back too",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="hold back",
             actors=["hungary"], targets=["moldova"], dates=[]),
        dict(id="c60", span="in recent months some EU diplomats have floated the idea of letting Chișinău advance on its own",
             type="event", certainty="certain", polarity="positive", source="author", predicate="float",
             actors=["european-union"], targets=["moldova"], dates=["PAST_REF"]),
        dict(id="c61", span="Sandu has argued",
             type="event", certainty="certain", polarity="positive", source="author", predicate="argue",
             actors=["maia-sandu"], targets=[], dates=[]),
        dict(id="c62", span="Moldova could be ready to join by 2030",
             type="prediction", certainty="possible", polarity="positive", source="maia-sandu", predicate="be",
             actors=["moldova"], targets=["european-union"], dates=["2030"]),
        dict(id="c63", span="a target that most analysts in Brussels consider ambitious",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="consider",
             actors=[], targets=[], dates=[]),
        dict(id="c64", span="Russia, meanwhile, is unlikely to give up on a country",
             type="prediction", certainty="probable", polarity="negative", source="author", predicate="give up",
             actors=["russia"], targets=["moldova"], dates=[]),
        dict(id="c65", span="it still regards as a buffer against the West",
             type="assessment", certainty="certain", polarity="positive", source="author", predicate="regard",
             actors=["russia"], targets=["moldova", "the-west"], dates=[]),
        dict(id="c66", span="With Gagauzia resentful after Guțul’s conviction, Moscow may try to turn regional grievances into a constitutional crisis next year",
             type="prediction", certainty="possible", polarity="positive", source="author", predicate="try",
             actors=["russia"], targets=["moldova"], dates=["2026"]),
        dict(id="c67", span="Whether Chișinău can absorb that pressure while delivering the reforms demanded by Brussels will probably decide whether Moldova’s European bet pays off",
             type="prediction", certainty="probable", polarity="positive", source="author", predicate="decide",
             actors=["moldova"], targets=[], dates=[]),
        # line 12 (bio)
        dict(id="c68", span="Jonas Weller is a senior fellow at the Danube Centre for European Neighbourhood Studies in Vienna",
             type="fact", certainty="certain", polarity="positive", source="author", predicate="be",
             actors=["jonas-weller"], targets=["danube-centre-for-european-neighbourhood-studies"], dates=[]),
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
