#!/usr/bin/env python3
"""Held-out gold for `kazakhstan-multivector` (standard library only).

Spans are written as (surface, context): `context` is a unique substring of the
article containing `surface`; the span is the first occurrence of `surface`
inside that context.  Where context is None, the surface itself must be unique
(claims) or the first whole-word occurrence is meant (entities/dates).
Writes annotations/kb.jsonl and annotations/kazakhstan-multivector/gold.json.
"""
import hashlib, json, os, re, sys, datetime
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
AID = "kazakhstan-multivector"
DCT = "2025-06-03"
TXT = os.path.join(HERE, "corpus", AID + ".txt")

KB = [
    # PERSON
    ("kassym-jomart-tokayev", "PERSON", "Kassym-Jomart Tokayev",
     ["Tokayev", "Kassym-Jomart Tokaev", "Tokaev", "Qasym-Jomart Toqaev", "Toqaev"]),
    ("vladimir-putin", "PERSON", "Vladimir Putin", ["Putin", "Vladimir Vladimirovich Putin"]),
    ("nursultan-nazarbayev", "PERSON", "Nursultan Nazarbayev", ["Nazarbayev", "Nursultan Nazarbaev", "Nazarbaev"]),
    ("xi-jinping", "PERSON", "Xi Jinping", ["Xi"]),
    ("david-osullivan", "PERSON", "David O’Sullivan", ["O’Sullivan", "David O'Sullivan", "O'Sullivan"]),
    ("joe-biden", "PERSON", "Joe Biden", ["Biden", "Joseph Biden", "Joseph R. Biden"]),
    ("ursula-von-der-leyen", "PERSON", "Ursula von der Leyen", ["von der Leyen", "Von der Leyen"]),
    ("tomas-berglund", "PERSON", "Tomas Berglund", ["Berglund"], {"note": "fictional author"}),
    # NORP
    ("kazakhs", "NORP", "Kazakhs", ["Kazakh", "Kazakhstani", "Kazakhstanis", "Qazaq"]),
    ("russians", "NORP", "Russians", ["Russian"]),
    ("ukrainians", "NORP", "Ukrainians", ["Ukrainian"]),
    ("chinese", "NORP", "Chinese", ["Chinese people"]),
    ("westerners", "NORP", "Westerners", ["Western"]),
    ("central-asians", "NORP", "Central Asians", ["Central Asian"]),
    # FAC
    ("trans-caspian-international-transport-route", "FAC", "Trans-Caspian International Transport Route",
     ["Middle Corridor", "TITR", "Trans-Caspian route"],
     {"note": "rail-sea corridor from China across Kazakhstan and the Caspian Sea to Azerbaijan, Georgia and Europe"}),
    # ORG
    ("european-union", "ORG", "European Union", ["EU", "E.U.", "Brussels"],
     {"wikidata": "Q458", "metonyms": ["Brussels"]}),
    ("kremlin", "ORG", "Kremlin", ["the Kremlin"], {"note": "the Russian presidential leadership"}),
    ("csto", "ORG", "Collective Security Treaty Organization", ["CSTO"]),
    ("sco", "ORG", "Shanghai Cooperation Organisation", ["SCO", "Shanghai Cooperation Organization"]),
    ("kazatomprom", "ORG", "Kazatomprom", ["NAC Kazatomprom", "National Atomic Company Kazatomprom"]),
    ("cpc", "ORG", "Caspian Pipeline Consortium", ["CPC"]),
    ("us-treasury", "ORG", "United States Department of the Treasury",
     ["Treasury", "US Treasury", "Treasury Department"]),
    ("rosatom", "ORG", "Rosatom", ["State Atomic Energy Corporation Rosatom"]),
    ("cnnc", "ORG", "China National Nuclear Corporation", ["CNNC"]),
    ("baltic-centre-for-eurasian-security", "ORG", "Baltic Centre for Eurasian Security", [],
     {"note": "fictional institute"}),
    # GPE
    ("kazakhstan", "GPE", "Kazakhstan", ["Republic of Kazakhstan", "Qazaqstan", "Kazakstan", "Astana"],
     {"wikidata": "Q232", "metonyms": ["Astana"],
      "note": "the state; 'Astana' denoting the government links here"}),
    ("astana", "GPE", "Astana", ["Nur-Sultan", "Nur Sultan", "Akmola", "Aqmola"],
     {"note": "the city (literal uses); called Nur-Sultan from 2019 to 2022"}),
    ("russia", "GPE", "Russia", ["Russian Federation", "Moscow"], {"wikidata": "Q159", "metonyms": ["Moscow"]}),
    ("china", "GPE", "China", ["People’s Republic of China", "PRC", "Beijing"],
     {"wikidata": "Q148", "metonyms": ["Beijing"]}),
    ("united-states", "GPE", "United States", ["US", "U.S.", "USA", "United States of America", "Washington"],
     {"wikidata": "Q30", "metonyms": ["Washington"]}),
    ("ukraine", "GPE", "Ukraine", ["Kyiv"], {"wikidata": "Q212", "metonyms": ["Kyiv"]}),
    ("azerbaijan", "GPE", "Azerbaijan", ["Republic of Azerbaijan", "Baku"],
     {"wikidata": "Q227", "metonyms": ["Baku"]}),
    ("georgia", "GPE", "Georgia", ["Sakartvelo", "Tbilisi"], {"wikidata": "Q230", "metonyms": ["Tbilisi"]}),
    ("zhanaozen", "GPE", "Zhanaozen", ["Janaozen", "Zhanaozen town", "Uzen"]),
    ("almaty", "GPE", "Almaty", ["Alma-Ata"]),
    ("saint-petersburg", "GPE", "Saint Petersburg", ["St Petersburg", "St. Petersburg"]),
    ("novorossiysk", "GPE", "Novorossiysk", []),
    ("samarkand", "GPE", "Samarkand", ["Samarqand"]),
    ("new-york-city", "GPE", "New York City", ["New York", "NYC"]),
    ("tallinn", "GPE", "Tallinn", []),
    # LOC
    ("the-west", "LOC", "the West", ["West", "Western world"], {"note": "the Western world as a political bloc"}),
    ("europe", "LOC", "Europe", [], {"wikidata": "Q46"}),
    ("central-asia", "LOC", "Central Asia", []),
    ("caspian-sea", "LOC", "Caspian Sea", ["Caspian"]),
]

# (surface, context or None, label, kb_id) in text order
ENTITIES = [
    # title
    ("Kazakhstan", "Kazakhstan’s Balancing", "GPE", "kazakhstan"),
    ("Moscow", "Between Moscow,", "GPE", "russia"),
    ("Beijing", "Moscow, Beijing and the West", "GPE", "china"),
    ("West", "Beijing and the West", "LOC", "the-west"),
    # standfirst
    ("Russian", "Russian-led troops", "NORP", "russians"),
    ("Kassym-Jomart Tokayev", None, "PERSON", "kassym-jomart-tokayev"),
    ("Astana", "Today Astana courts", "GPE", "kazakhstan"),
    ("Beijing", "courts Beijing,", "GPE", "china"),
    ("Brussels", "Beijing, Brussels and Washington", "ORG", "european-union"),
    ("Washington", "Brussels and Washington, yet", "GPE", "united-states"),
    ("Moscow", "broken with Moscow", "GPE", "russia"),
    ("Western", "Western pressure over sanctions", "NORP", "westerners"),
    # P1
    ("Zhanaozen", None, "GPE", "zhanaozen"),
    ("Almaty", None, "GPE", "almaty"),
    ("Tokayev", "later, Tokayev asked", "PERSON", "kassym-jomart-tokayev"),
    ("Collective Security Treaty Organization", None, "ORG", "csto"),
    ("CSTO", None, "ORG", "csto"),
    ("Russian", "most of them Russian", "NORP", "russians"),
    ("Kremlin", None, "ORG", "kremlin"),
    ("St Petersburg", None, "GPE", "saint-petersburg"),
    ("Tokayev", "St Petersburg, Tokayev told", "PERSON", "kassym-jomart-tokayev"),
    ("Vladimir Putin", None, "PERSON", "vladimir-putin"),
    ("Kazakhstan", "that Kazakhstan would not", "GPE", "kazakhstan"),
    ("Ukraine", "eastern Ukraine", "GPE", "ukraine"),
    ("Astana", "Astana has never", "GPE", "kazakhstan"),
    ("Russia", "Russia’s annexation", "GPE", "russia"),
    ("Ukrainian", "Ukrainian regions", "NORP", "ukrainians"),
    ("Moscow", "treats Moscow", "GPE", "russia"),
    # P2
    ("Tokayev", "At home, Tokayev", "PERSON", "kassym-jomart-tokayev"),
    ("Nursultan Nazarbayev", None, "PERSON", "nursultan-nazarbayev"),
    ("Astana", "old name, Astana", "GPE", "astana"),
    ("Nur-Sultan", None, "GPE", "astana"),
    # P3
    ("China", "China now rivals", "GPE", "china"),
    ("Russia", "rivals Russia", "GPE", "russia"),
    ("Kazakhstan", "as Kazakhstan’s largest", "GPE", "kazakhstan"),
    ("Xi Jinping", None, "PERSON", "xi-jinping"),
    ("Kazakhstan", "chose Kazakhstan", "GPE", "kazakhstan"),
    ("Astana", "visit to Astana", "GPE", "astana"),
    ("Shanghai Cooperation Organisation", None, "ORG", "sco"),
    ("SCO", None, "ORG", "sco"),
    ("Kazakhstan", "Kazakhstan mines", "GPE", "kazakhstan"),
    ("Kazatomprom", None, "ORG", "kazatomprom"),
    ("Chinese", "Chinese buyers", "NORP", "chinese"),
    ("Xi", "Xi is due", "PERSON", "xi-jinping"),
    ("Astana", "return to Astana", "GPE", "astana"),
    ("China", "China–Central Asia", "GPE", "china"),
    ("Central Asia", "China–Central Asia", "LOC", "central-asia"),
    # P4
    ("Kazakh", "Kazakh crude", "NORP", "kazakhs"),
    ("Caspian Pipeline Consortium", None, "ORG", "cpc"),
    ("CPC", "Consortium (CPC)", "ORG", "cpc"),
    ("Russian", "the Russian port", "NORP", "russians"),
    ("Novorossiysk", None, "GPE", "novorossiysk"),
    ("Russian", "Russian authorities", "NORP", "russians"),
    ("Ukrainian", "Ukrainian drone", "NORP", "ukrainians"),
    ("CPC", "a CPC pumping", "ORG", "cpc"),
    ("Russia", "southern Russia", "GPE", "russia"),
    ("Astana", "Astana has promoted", "GPE", "kazakhstan"),
    ("Trans-Caspian International Transport Route", None, "FAC", "trans-caspian-international-transport-route"),
    ("Middle Corridor", None, "FAC", "trans-caspian-international-transport-route"),
    ("Chinese", "Chinese freight", "NORP", "chinese"),
    ("Caspian Sea", None, "LOC", "caspian-sea"),
    ("Azerbaijan", None, "GPE", "azerbaijan"),
    ("Georgia", None, "GPE", "georgia"),
    ("Europe", None, "LOC", "europe"),
    # heading 3
    ("Brussels", "Pressure from Brussels", "ORG", "european-union"),
    ("Washington", "Brussels and Washington\n", "GPE", "united-states"),
    # P5
    ("Western", "Western governments", "NORP", "westerners"),
    ("Kazakh", "Kazakh trade", "NORP", "kazakhs"),
    ("Russia", "trade with Russia", "GPE", "russia"),
    ("Russia", "parts to Russia", "GPE", "russia"),
    ("US Treasury", None, "ORG", "us-treasury"),
    ("Kazakh", "Kazakh firms", "NORP", "kazakhs"),
    ("David O’Sullivan", None, "PERSON", "david-osullivan"),
    ("EU", "the EU’s special", "ORG", "european-union"),
    ("Astana", "Astana has since", "GPE", "kazakhstan"),
    ("Kazakh", "Kazakh officials", "NORP", "kazakhs"),
    # P6
    ("Tokayev", "Tokayev and four", "PERSON", "kassym-jomart-tokayev"),
    ("Central Asian", None, "NORP", "central-asians"),
    ("Joe Biden", None, "PERSON", "joe-biden"),
    ("New York", None, "GPE", "new-york-city"),
    ("EU", "EU–Central Asia", "ORG", "european-union"),
    ("Central Asia", "EU–Central Asia", "LOC", "central-asia"),
    ("Samarkand", None, "GPE", "samarkand"),
    ("Ursula von der Leyen", None, "PERSON", "ursula-von-der-leyen"),
    ("Rosatom", None, "ORG", "rosatom"),
    ("China", "China’s CNNC", "GPE", "china"),
    ("CNNC", None, "ORG", "cnnc"),
    # P7
    ("Tokayev", "Tokayev’s multi-vector", "PERSON", "kassym-jomart-tokayev"),
    ("Moscow", "Moscow’s restraint", "GPE", "russia"),
    ("Ukraine", "war in Ukraine", "GPE", "ukraine"),
    # bio
    ("Tomas Berglund", None, "PERSON", "tomas-berglund"),
    ("Baltic Centre for Eurasian Security", None, "ORG", "baltic-centre-for-eurasian-security"),
    ("Tallinn", None, "GPE", "tallinn"),
]

# (surface, context or None, value) in text order
DATES = [
    ("Three years ago", None, "2022"),
    ("Today", None, "PRESENT_REF"),
    ("the coming months", None, "FUTURE_REF"),
    ("2 January 2022", None, "2022-01-02"),
    ("Three days later", None, "2022-01-05"),
    ("the next day", None, "2022-01-06"),
    ("13 January", None, "2022-01-13"),
    ("the end of the month", None, "2022-01"),
    ("June 2022", "In June 2022,", "2022-06"),
    ("June 5, 2022", None, "2022-06-05"),
    ("five months later", None, "2022-11"),
    ("September 2022", None, "2022-09"),
    ("2019 to 2022", None, "2019/2022"),
    ("2029", None, "2029"),
    ("January 2022", "the January 2022 unrest", "2022-01"),
    ("now", "China now rivals", "PRESENT_REF"),
    ("the autumn of 2022", None, "2022-09/2022-11"),
    ("July 2024", None, "2024-07"),
    ("this month", None, "2025-06"),
    ("2022", "more than once in 2022", "2022"),
    ("February 2025", None, "2025-02"),
    ("2022", "more than doubled in 2022", "2022"),
    ("2022", "surged after 2022", "2022"),
    ("last year", None, "2024"),
    ("September 19, 2023", None, "2023-09-19"),
    ("Two months ago", None, "2025-04"),
    ("6 October 2024", None, "2024-10-06"),
    ("the end of this year", None, "2025"),
    ("now", "For now", "PRESENT_REF"),
]

# time words deliberately not annotated: (surface, context, reason)
NON_DATES = [
    ("seven-year", None, "duration adjective: 'single seven-year term'"),
    ("weeks", "for several weeks", "duration: 'for several weeks'"),
    ("since", "trip since the pandemic", "anchored to an event, not the calendar"),
    ("since", "has since tightened", "bare adverb 'since' with no calendar anchor in its clause"),
]

A = "author"
def C(span, type_, pred, actors=(), targets=(), dates=(), cert="certain", pol="positive", src=A, ctx=None):
    return dict(span=span, ctx=ctx, type=type_, certainty=cert, polarity=pol, source=src, predicate=pred,
                actors=list(actors), targets=list(targets), dates=list(dates))

TOK = "kassym-jomart-tokayev"
TITR = "trans-caspian-international-transport-route"
CLAIMS = [
    # standfirst
    C("Three years ago, Russian-led troops helped Kassym-Jomart Tokayev restore order at home", "event", "help",
      ["russia"], [TOK], ["2022"]),
    C("Today Astana courts Beijing, Brussels and Washington", "fact", "court",
      ["kazakhstan"], ["china", "european-union", "united-states"], ["PRESENT_REF"]),
    C("it has not broken with Moscow", "fact", "break", ["kazakhstan"], ["russia"], pol="negative"),
    C("Western pressure over sanctions and the fragility of its export routes might test that balance in the coming months",
      "prediction", "test", ["the-west"], ["kazakhstan"], ["FUTURE_REF"], cert="possible"),
    # P1
    C("Protests over a rise in fuel prices broke out in Zhanaozen on 2 January 2022", "event", "break out",
      [], [], ["2022-01-02"]),
    C("quickly spread to Almaty", "event", "spread"),
    C("Three days later, Tokayev asked the Collective Security Treaty Organization (CSTO) for help", "event", "ask",
      [TOK], ["csto"], ["2022-01-05"]),
    C("some 2,000 troops, most of them Russian, arrived the next day", "event", "arrive",
      ["csto", "russia"], [], ["2022-01-06"]),
    C("The contingent began to withdraw on 13 January", "event", "begin", ["csto"], [], ["2022-01-13"]),
    C("had left by the end of the month", "event", "leave", ["csto"], [], ["2022-01"]),
    C("The Kremlin reportedly expected gratitude to translate into loyalty", "assessment", "expect",
      ["kremlin"], ["kazakhstan"], cert="probable"),
    C("In June 2022, at an economic forum in St Petersburg, Tokayev told Vladimir Putin, seated beside him",
      "event", "tell", [TOK], ["vladimir-putin"], ["2022-06"]),
    C("Kazakhstan would not recognise the separatist ‘republics’ in eastern Ukraine", "prediction", "recognise",
      ["kazakhstan"], ["ukraine"], pol="negative", src=TOK),
    C("Astana has never recognised Russia’s annexation of Ukrainian regions either", "fact", "recognise",
      ["kazakhstan"], ["russia", "ukraine"], pol="negative"),
    C("it no longer treats Moscow as its only security guarantor", "assessment", "treat",
      ["kazakhstan"], ["russia"], pol="negative"),
    # P2
    C("At home, Tokayev has cast himself as a reformer", "assessment", "cast", [TOK]),
    C("On June 5, 2022, voters approved constitutional amendments trimming presidential powers", "event", "approve",
      [], [], ["2022-06-05"]),
    C("five months later he won a snap election", "event", "win", [TOK], [], ["2022-11"]),
    C("He also sidelined his predecessor, Nursultan Nazarbayev", "event", "sideline", [TOK], ["nursultan-nazarbayev"]),
    C("in September 2022 signed a law restoring the capital’s old name, Astana", "event", "sign",
      [TOK], ["astana"], ["2022-09"]),
    C("from 2019 to 2022 the city had been called Nur-Sultan", "fact", "call", [], ["astana"], ["2019/2022"]),
    C("His single seven-year term ends in 2029", "prediction", "end", [TOK], [], ["2029"]),
    C("he has said", "event", "say", [TOK]),
    C("he will not seek another", "prediction", "seek", [TOK], pol="negative", src=TOK),
    C("parliament remains tightly managed", "assessment", "remain", ["kazakhstan"]),
    # dated event noun in subject position; the enclosing claim starts at the verb
    C("the deaths of 238 people during the January 2022 unrest", "event", "die", [], [], ["2022-01"]),
    C("have never been fully accounted for", "fact", "account for", pol="negative"),
    # P3
    C("China now rivals Russia as Kazakhstan’s largest trading partner", "fact", "rival",
      ["china"], ["russia", "kazakhstan"], ["PRESENT_REF"]),
    C("In the autumn of 2022, Xi Jinping chose Kazakhstan for his first foreign trip since the pandemic", "event", "choose",
      ["xi-jinping"], ["kazakhstan"], ["2022-09/2022-11"]),
    C("His state visit to Astana in July 2024", "event", "visit", ["xi-jinping"], ["kazakhstan"], ["2024-07"]),
    C("produced new agreements on rail links and energy", "event", "produce", ["xi-jinping"], ["kazakhstan"]),
    C("Kazakhstan mines about two-fifths of the world’s uranium", "fact", "mine", ["kazakhstan"]),
    C("a growing share of the output of Kazatomprom, the state producer, goes to Chinese buyers", "fact", "go",
      ["kazatomprom"], ["china"]),
    C("Xi is due to return to Astana this month for a China–Central Asia summit", "prediction", "return",
      ["xi-jinping"], ["central-asia"], ["2025-06"]),
    # P4
    C("Oil tells a different story", "assessment", "tell"),
    C("About 80 per cent of Kazakh crude exports still pass through the pipeline of the Caspian Pipeline Consortium (CPC) to the Russian port of Novorossiysk",
      "fact", "pass", ["kazakhstan"], ["cpc", "russia"]),
    C("Russian authorities interrupted its operations more than once in 2022", "event", "interrupt",
      ["russia"], ["cpc"], ["2022"]),
    C("In February 2025, a Ukrainian drone attack damaged a CPC pumping station in southern Russia", "event", "damage",
      ["ukraine"], ["cpc"], ["2025-02"]),
    C("cut flows for several weeks", "event", "cut", ["ukraine"], ["cpc"], ["2025-02"]),
    C("To reduce this dependence, Astana has promoted the Trans-Caspian International Transport Route, or Middle Corridor",
      "fact", "promote", ["kazakhstan"], [TITR]),
    C("which carries Chinese freight across the Caspian Sea to Azerbaijan, Georgia and Europe", "fact", "carry",
      [TITR], []),
    C("Cargo volumes on the route reportedly more than doubled in 2022", "fact", "double",
      [TITR], [], ["2022"], cert="probable"),
    C("though ports on both shores remain bottlenecks", "assessment", "remain"),
    # P5
    C("Western governments are watching Kazakh trade with Russia closely", "fact", "watch",
      ["the-west"], ["kazakhstan", "russia"]),
    C("Exports of dual-use goods such as microchips and machine parts to Russia appear to have surged after 2022",
      "fact", "surge", ["kazakhstan"], ["russia"], ["2022"], cert="probable"),
    C("the US Treasury sanctioned several Kazakh firms last year", "event", "sanction",
      ["us-treasury"], ["kazakhstan"], ["2024"]),
    C("According to David O’Sullivan, the EU’s special envoy for sanctions, Astana has since tightened its controls on re-exports",
      "event", "tighten", ["kazakhstan"], [], src="david-osullivan"),
    C("Kazakh officials insist", "event", "insist", ["kazakhstan"]),
    C("their country is not a hub for circumvention", "assessment", "be", ["kazakhstan"], pol="negative",
      src="kazakhstan"),
    # P6
    C("The incentives are growing too", "assessment", "grow", [], ["kazakhstan"]),
    C("On September 19, 2023, Tokayev and four other Central Asian leaders met Joe Biden in New York", "event", "meet",
      [TOK, "central-asia"], ["joe-biden"], ["2023-09-19"]),
    C("Two months ago, at the first EU–Central Asia summit in Samarkand, Ursula von der Leyen announced a €12 billion investment package for the region",
      "event", "announce", ["ursula-von-der-leyen"], ["central-asia"], ["2025-04"]),
    C("Critical raw materials were high on the agenda", "fact", "be"),
    C("Nuclear power is the next test", "assessment", "be", [], ["kazakhstan"]),
    C("after voters backed a first nuclear plant on 6 October 2024", "event", "back", [], [], ["2024-10-06"]),
    C("Rosatom is widely expected to win the main contract before the end of this year", "prediction", "win",
      ["rosatom"], [], ["2025"], cert="probable"),
    C("although China’s CNNC remains in contention", "fact", "remain", ["cnnc"]),
    # P7
    C("For now, Tokayev’s multi-vector policy holds", "assessment", "hold", [TOK], [], ["PRESENT_REF"]),
    C("Its durability depends on Moscow’s restraint", "assessment", "depend", [TOK], ["russia"]),
    C("which might not outlast the war in Ukraine", "prediction", "outlast", ["russia"], ["ukraine"],
      cert="possible", pol="negative"),
    # bio
    C("Tomas Berglund is a senior fellow at the Baltic Centre for Eurasian Security in Tallinn", "fact", "be",
      ["tomas-berglund"], ["baltic-centre-for-eurasian-security"]),
]

LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
VALUE_RE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?|PAST_REF|PRESENT_REF|FUTURE_REF)$")
TIME_WORD_RE = re.compile(
    r"(?<!\w)(?:1\d{3}|20\d{2}|January|February|March|April|June|July|August|"
    r"September|October|November|December|May(?= \d)|"
    r"(?i:spring|summer|autumn|winter|years?|months?|weeks?|days?|hours?|nights?|"
    r"generation|today|tonight|now|nowadays|recent(?:ly)?|ago|later|earlier|"
    r"currently|decades?|centur(?:y|ies)|yesterday|tomorrow|future|since|soon))(?!\w)")
SENT_SPLIT_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z‘“])")
COORD = re.compile(r"(?i)(?:and|but|or|so|yet|nor) ")
errors = []
def check(c, m):
    if not c:
        errors.append(m)

def ww(text, s):
    return [m.start() for m in re.finditer(r"(?<!\w)(?=" + re.escape(s) + r"(?!\w))", text)]

def locate(text, surface, ctx, whole=True):
    if ctx is not None:
        check(text.count(ctx) == 1, f"context {ctx!r} occurs {text.count(ctx)}x")
        i = text.find(ctx)
        j = ctx.find(surface)
        check(j >= 0, f"{surface!r} not in context {ctx!r}")
        s = i + j
    else:
        if whole:
            m = ww(text, surface)
            check(m, f"{surface!r} not found")
            s = m[0] if m else 0
        else:
            check(text.count(surface) == 1, f"claim span {surface!r} occurs {text.count(surface)}x")
            s = text.find(surface)
    check(text[s:s + len(surface)] == surface, f"mismatch {surface!r}")
    return s, s + len(surface)

def overl(a, b):
    return a[0] < b[1] and b[0] < a[1]

def main():
    raw = open(TXT, "rb").read()
    text = raw.decode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    lines = text.split("\n")
    headings = [2, 5, 8]
    kb = {}
    for row in KB:
        kid, label, name, aliases = row[:4]
        extra = dict(row[4]) if len(row) > 4 else {}
        check(kid not in kb, f"dup kb {kid}")
        check(label in LABELS, kid)
        for m in extra.get("metonyms", []):
            check(m in aliases, f"metonym {m} not alias")
        wd = extra.pop("wikidata", None)
        kb[kid] = {"id": kid, "label": label, "name": name, "aliases": list(aliases), "wikidata": wd, **extra}
    ents = []
    for surf, ctx, label, kid in ENTITIES:
        s, e = locate(text, surf, ctx)
        check(kid in kb and kb[kid]["label"] == label, f"entity {surf} {kid} label")
        check(kid in kb and (surf == kb[kid]["name"] or surf in kb[kid]["aliases"]), f"entity {surf} not alias of {kid}")
        ents.append({"start": s, "end": e, "text": surf, "label": label, "kb_id": kid})
    check([x["start"] for x in ents] == sorted(x["start"] for x in ents), "entities not in order")
    for a, b in zip(ents, ents[1:]):
        check(a["end"] <= b["start"], f"entities overlap {a} {b}")
    for kid, entry in kb.items():
        for form in [entry["name"]] + entry["aliases"]:
            form = re.sub(r"^the ", "", form)
            for st in ww(text, form):
                check(any(x["start"] <= st and st + len(form) <= x["end"] for x in ents),
                      f"unannotated {form!r} ({kid}) at {st}: {text[max(0,st-30):st+40]!r}")
    used = {x["kb_id"] for x in ents}
    check(set(kb) == used, f"unused kb: {set(kb) - used}")
    dates = []
    for surf, ctx, val in DATES:
        s, e = locate(text, surf, ctx)
        check(VALUE_RE.match(val), f"value {val}")
        check(text.count("\n", 0, s) not in [0] + headings, f"date in title/heading {surf}")
        dates.append({"start": s, "end": e, "text": surf, "value": val})
    check([x["start"] for x in dates] == sorted(x["start"] for x in dates), "dates not in order")
    for a, b in zip(dates, dates[1:]):
        check(a["end"] <= b["start"], f"dates overlap {a} {b}")
    for d in dates:
        check(not any(overl((d["start"], d["end"]), (x["start"], x["end"])) for x in ents), f"date/entity overlap {d}")
    nd = [locate(text, s, c) for s, c, _ in NON_DATES]
    for m in TIME_WORD_RE.finditer(text):
        sp = (m.start(), m.end())
        ok = any(d["start"] <= sp[0] and sp[1] <= d["end"] for d in dates) or any(a <= sp[0] and sp[1] <= b for a, b in nd)
        if not ok:
            print(f"NOTE time word {m.group()!r} at {m.start()}: {text[max(0,m.start()-30):m.end()+30]!r}")
    # sentences
    sents, off = [], 0
    for ln, line in enumerate(lines):
        st = 0
        for m in SENT_SPLIT_RE.finditer(line):
            sents.append((off + st, off + m.start(), ln)); st = m.end()
        sents.append((off + st, off + len(line), ln)); off += len(line) + 1
    claims = []
    for i, c in enumerate(CLAIMS, 1):
        s, e = locate(text, c["span"], c["ctx"], whole=False)
        sp = c["span"]
        w = f"c{i} {sp[:40]!r}"
        check("\n" not in sp and sp == sp.strip() and not sp.endswith((".", ",", ";", ":")), f"{w}: span shape")
        check(not COORD.match(sp), f"{w}: coordinator")
        check(text.count("\n", 0, s) not in [0] + headings, f"{w}: in title/heading")
        check(c["source"] == "author" or c["source"] in used, f"{w}: source")
        for r in ("actors", "targets"):
            for k in c[r]:
                check(k in used, f"{w}: {r} {k} not mentioned")
        insent = [x for x in sents if overl(x, (s, e))]
        check(len(insent) == 1, f"{w}: crosses sentences")
        local = {d["value"] for d in dates if any(x[0] <= d["start"] and d["end"] <= x[1] for x in insent)}
        for v in c["dates"]:
            check(v in local, f"{w}: date {v} not in sentence")
        check(c["type"] in {"event", "fact", "assessment", "prediction"}, w)
        check(c["certainty"] in {"certain", "probable", "possible"}, w)
        check(c["polarity"] in {"positive", "negative"}, w)
        claims.append({"id": f"c{i}", "start": s, "end": e, "text": sp, "type": c["type"],
                       "certainty": c["certainty"], "polarity": c["polarity"], "source": c["source"],
                       "predicate": c["predicate"], "actors": c["actors"], "targets": c["targets"],
                       "dates": c["dates"]})
    for a, b in zip(claims, claims[1:]):
        check(a["end"] <= b["start"], f"claims overlap/out of order {a['id']} {b['id']}")
    for st, en, ln in sents:
        if ln in [0] + headings or st == en or text[st:en].rstrip().endswith("?"):
            continue
        check(any(overl((st, en), (c["start"], c["end"])) for c in claims), f"sentence without claim: {text[st:en]!r}")
    bio = [c for c in claims if text.count("\n", 0, c["start"]) == len(lines) - 1]
    check(len(bio) == 1 and bio[0]["type"] == "fact", "bio")
    meta = json.load(open(os.path.join(HERE, "corpus", AID + ".json"), encoding="utf-8"))
    check(meta["title"] == lines[0] and meta["published"] == DCT and lines[-1].startswith(meta["author"] + " "), "meta")
    if errors:
        for m in errors:
            print("ERROR", m)
        sys.exit(1)
    rec = {"article_id": AID, "annotator": "gold", "text_sha256": sha, "entities": ents, "dates": dates, "claims": claims}
    os.makedirs(os.path.join(HERE, "annotations", AID), exist_ok=True)
    with open(os.path.join(HERE, "annotations", AID, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(rec, f, ensure_ascii=False, indent=2); f.write("\n")
    with open(os.path.join(HERE, "annotations", "kb.jsonl"), "w", encoding="utf-8") as f:
        for v in kb.values():
            f.write(json.dumps(v, ensure_ascii=False) + "\n")
    print(len(text.split()), "words")
    print("entities", len(ents), dict(Counter(x["label"] for x in ents)))
    print("dates", len(dates))
    cnt = lambda k: dict(Counter(c[k] for c in claims))
    print("claims", len(claims), cnt("type"), cnt("certainty"), cnt("polarity"),
          "reported", sum(c["source"] != "author" for c in claims))
    print("kb", len(kb), dict(Counter(v["label"] for v in kb.values())))

main()
