#!/usr/bin/env python3
"""Gold for `turkey-mediator`: readable annotations -> annotations/turkey-mediator/gold.json + kb.jsonl.

Spans are given as surface strings in text order; each is located at its next
occurrence after the previous span of the same kind (whole-word for entities and
dates, plain substring for claims). Standard library only.
"""
import hashlib, json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
AID = "turkey-mediator"
TXT = os.path.join(HERE, "corpus", AID + ".txt")
OUT = os.path.join(HERE, "annotations")

KB = [
    # PERSON
    ("recep-tayyip-erdogan", "PERSON", "Recep Tayyip Erdoğan",
     ["Erdoğan", "Erdogan", "Recep Tayyip Erdogan", "Tayyip Erdoğan", "Tayyip Erdogan"], {"wikidata": "Q39723"}),
    ("vladimir-putin", "PERSON", "Vladimir Putin", ["Putin", "Vladimir Vladimirovich Putin"], {"wikidata": "Q7747"}),
    ("volodymyr-zelensky", "PERSON", "Volodymyr Zelensky",
     ["Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "Zelenskiy", "Volodymyr Zelenskiy"]),
    ("hakan-fidan", "PERSON", "Hakan Fidan", ["Fidan"]),
    ("donald-trump", "PERSON", "Donald Trump", ["Trump"]),
    ("helena-marsh", "PERSON", "Helena Marsh", ["Marsh"], {"note": "fictional author"}),
    # NORP
    ("turks", "NORP", "Turks", ["Turkish"]),
    ("russians", "NORP", "Russians", ["Russian"]),
    ("ukrainians", "NORP", "Ukrainians", ["Ukrainian"]),
    ("westerners", "NORP", "Westerners", ["Western"]),
    ("americans", "NORP", "Americans", ["American"]),
    # FAC
    ("dolmabahce-palace", "FAC", "Dolmabahçe Palace", ["Dolmabahce Palace", "Dolmabahçe", "Dolmabahce"],
     {"note": "Istanbul palace, venue of the Russian-Ukrainian talks of 29 March 2022"}),
    # ORG
    ("nato", "ORG", "North Atlantic Treaty Organization", ["NATO", "North Atlantic Alliance"], {"wikidata": "Q7184"}),
    ("united-nations", "ORG", "United Nations", ["UN", "U.N."], {"wikidata": "Q1065"}),
    ("european-union", "ORG", "European Union", ["EU", "E.U.", "Brussels"],
     {"wikidata": "Q458", "metonyms": ["Brussels"]}),
    ("kremlin", "ORG", "Kremlin", ["the Kremlin"], {"note": "the Russian leadership"}),
    ("us-state-department", "ORG", "United States Department of State",
     ["State Department", "US State Department", "Department of State"]),
    ("kestrel-forum-for-eurasian-security", "ORG", "Kestrel Forum for Eurasian Security", [],
     {"note": "fictional institute"}),
    # GPE
    ("turkey", "GPE", "Turkey", ["Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey", "Ankara"],
     {"wikidata": "Q43", "metonyms": ["Ankara"]}),
    ("ankara", "GPE", "Ankara", [], {"note": "the city (literal uses); the Turkish government is 'turkey'"}),
    ("russia", "GPE", "Russia", ["Russian Federation", "Moscow"], {"wikidata": "Q159", "metonyms": ["Moscow"]}),
    ("ukraine", "GPE", "Ukraine", ["Kyiv", "Kiev"], {"wikidata": "Q212", "metonyms": ["Kyiv", "Kiev"]}),
    ("united-states", "GPE", "United States", ["US", "U.S.", "USA", "United States of America", "Washington"],
     {"wikidata": "Q30", "metonyms": ["Washington"]}),
    ("sweden", "GPE", "Sweden", ["Kingdom of Sweden", "Stockholm"], {"wikidata": "Q34", "metonyms": ["Stockholm"]}),
    ("istanbul", "GPE", "Istanbul", ["İstanbul"], {"wikidata": "Q406"}),
    ("sochi", "GPE", "Sochi", []),
    ("saudi-arabia", "GPE", "Saudi Arabia", ["Kingdom of Saudi Arabia", "Riyadh"], {"wikidata": "Q851", "metonyms": ["Riyadh"]}),
    ("edinburgh", "GPE", "Edinburgh", []),
    # LOC
    ("the-west", "LOC", "the West", ["West", "Western world"], {"note": "the Western world as a political bloc"}),
    ("black-sea", "LOC", "Black Sea", [], {"wikidata": "Q166"}),
    ("bosphorus", "LOC", "Bosphorus", ["Bosporus", "Istanbul Strait"]),
    ("dardanelles", "LOC", "Dardanelles", ["Çanakkale Strait", "Canakkale Strait"]),
    # LAW
    ("black-sea-grain-initiative", "LAW", "Black Sea Grain Initiative",
     ["Black Sea Initiative", "Initiative on the Safe Transportation of Grain and Foodstuffs from Ukrainian Ports"],
     {"note": "agreement signed in Istanbul on 22 July 2022; Russia withdrew on 17 July 2023"}),
    ("montreux-convention", "LAW", "Montreux Convention",
     ["Montreux Convention Regarding the Regime of the Straits"], {"note": "1936 treaty on the Turkish Straits"}),
    ("caatsa", "LAW", "Countering America’s Adversaries Through Sanctions Act",
     ["CAATSA", "Countering America's Adversaries Through Sanctions Act"], {"note": "United States statute of 2017"}),
    # PRODUCT
    ("bayraktar-tb2", "PRODUCT", "Bayraktar TB2", ["TB2"]),
    ("s-400", "PRODUCT", "S-400", ["S-400 Triumf", "S400"]),
    ("f-35", "PRODUCT", "F-35", ["F-35 Lightning II"]),
    ("f-16", "PRODUCT", "F-16", ["F-16 Fighting Falcon"]),
]

DCT = "2025-07-15"
HEADINGS = ["A broker on the Bosphorus", "Straits, missiles and Sweden", "Istanbul, again"]

# (surface, label, kb_id) in text order
ENTITIES = [
    # title
    ("Turkey", "GPE", "turkey"), ("Moscow", "GPE", "russia"), ("Kyiv", "GPE", "ukraine"), ("NATO", "ORG", "nato"),
    # standfirst
    ("Ankara", "GPE", "turkey"), ("Black Sea Grain Initiative", "LAW", "black-sea-grain-initiative"),
    ("United Nations", "ORG", "united-nations"), ("Russia", "GPE", "russia"), ("Ukraine", "GPE", "ukraine"),
    ("Recep Tayyip Erdoğan", "PERSON", "recep-tayyip-erdogan"), ("Turkey", "GPE", "turkey"),
    ("NATO", "ORG", "nato"), ("Moscow", "GPE", "russia"),
    # heading 1
    ("Bosphorus", "LOC", "bosphorus"),
    # line 3
    ("Turkey", "GPE", "turkey"), ("West", "LOC", "the-west"), ("Russia", "GPE", "russia"),
    ("Ukraine", "GPE", "ukraine"), ("Ankara", "GPE", "turkey"), ("Bayraktar TB2", "PRODUCT", "bayraktar-tb2"),
    ("Kyiv", "GPE", "ukraine"), ("Turkish", "NORP", "turks"), ("Russian", "NORP", "russians"),
    ("Turkey", "GPE", "turkey"), ("Russian", "NORP", "russians"), ("Ukrainian", "NORP", "ukrainians"),
    ("Dolmabahçe Palace", "FAC", "dolmabahce-palace"), ("Istanbul", "GPE", "istanbul"),
    # line 4
    ("Ankara", "GPE", "turkey"), ("Istanbul", "GPE", "istanbul"),
    ("Black Sea Grain Initiative", "LAW", "black-sea-grain-initiative"), ("Ukrainian", "NORP", "ukrainians"),
    ("UN", "ORG", "united-nations"), ("Moscow", "GPE", "russia"), ("Kremlin", "ORG", "kremlin"),
    ("Western", "NORP", "westerners"), ("Russian", "NORP", "russians"),
    ("Erdoğan", "PERSON", "recep-tayyip-erdogan"), ("Sochi", "GPE", "sochi"),
    ("Vladimir Putin", "PERSON", "vladimir-putin"), ("Russia", "GPE", "russia"),
    ("Ukrainian", "NORP", "ukrainians"), ("Kyiv", "GPE", "ukraine"), ("Black Sea", "LOC", "black-sea"),
    # heading 2
    ("Sweden", "GPE", "sweden"),
    # line 6
    ("Ankara", "GPE", "turkey"), ("Montreux Convention", "LAW", "montreux-convention"), ("Turkey", "GPE", "turkey"),
    ("Bosphorus", "LOC", "bosphorus"), ("Dardanelles", "LOC", "dardanelles"), ("Kyiv", "GPE", "ukraine"),
    ("Kremlin", "ORG", "kremlin"), ("Turkish", "NORP", "turks"), ("Black Sea", "LOC", "black-sea"),
    ("NATO", "ORG", "nato"), ("Russia", "GPE", "russia"),
    # line 7
    ("NATO", "ORG", "nato"), ("Turkey", "GPE", "turkey"), ("Russian", "NORP", "russians"),
    ("S-400", "PRODUCT", "s-400"), ("Washington", "GPE", "united-states"), ("F-35", "PRODUCT", "f-35"),
    ("United States", "GPE", "united-states"), ("Turkey", "GPE", "turkey"),
    ("Countering America’s Adversaries Through Sanctions Act", "LAW", "caatsa"), ("CAATSA", "LAW", "caatsa"),
    ("Erdoğan", "PERSON", "recep-tayyip-erdogan"), ("Sweden", "GPE", "sweden"), ("Turkish", "NORP", "turks"),
    ("State Department", "ORG", "us-state-department"), ("F-16", "PRODUCT", "f-16"), ("Ankara", "GPE", "turkey"),
    ("Sweden", "GPE", "sweden"), ("Ankara", "GPE", "turkey"), ("Brussels", "ORG", "european-union"),
    ("EU", "ORG", "european-union"), ("Turkey", "GPE", "turkey"), ("Russia", "GPE", "russia"),
    # heading 3
    ("Istanbul", "GPE", "istanbul"),
    # line 9
    ("Turkey", "GPE", "turkey"), ("Russian", "NORP", "russians"), ("Ukrainian", "NORP", "ukrainians"),
    ("Istanbul", "GPE", "istanbul"), ("Putin", "PERSON", "vladimir-putin"),
    ("Volodymyr Zelensky", "PERSON", "volodymyr-zelensky"), ("Erdoğan", "PERSON", "recep-tayyip-erdogan"),
    ("Ankara", "GPE", "ankara"), ("Hakan Fidan", "PERSON", "hakan-fidan"), ("Fidan", "PERSON", "hakan-fidan"),
    ("Russian", "NORP", "russians"), ("Moscow", "GPE", "russia"),
    # line 10
    ("Ankara", "GPE", "turkey"), ("Turkey", "GPE", "turkey"), ("Saudi Arabia", "GPE", "saudi-arabia"),
    ("American", "NORP", "americans"), ("Donald Trump", "PERSON", "donald-trump"), ("Kremlin", "ORG", "kremlin"),
    ("Erdoğan", "PERSON", "recep-tayyip-erdogan"), ("Istanbul", "GPE", "istanbul"),
    ("Putin", "PERSON", "vladimir-putin"), ("Zelensky", "PERSON", "volodymyr-zelensky"),
    ("Moscow", "GPE", "russia"), ("Turkey", "GPE", "turkey"),
    # bio
    ("Helena Marsh", "PERSON", "helena-marsh"),
    ("Kestrel Forum for Eurasian Security", "ORG", "kestrel-forum-for-eurasian-security"),
    ("Edinburgh", "GPE", "edinburgh"),
]

# (surface, value) in text order
DATES = [
    ("July 2022", "2022-07"), ("the coming weeks", "FUTURE_REF"),
    ("2019 to 2021", "2019/2021"), ("24 February 2022", "2022-02-24"), ("29 March 2022", "2022-03-29"),
    ("22 July 2022", "2022-07-22"), ("July 17, 2023", "2023-07-17"), ("4 September 2023", "2023-09-04"),
    ("July 2023", "2023-07"), ("the following month", "2023-08"),
    ("1936", "1936"), ("28 February 2022", "2022-02-28"),
    ("July 2019", "2019-07"), ("that month", "2019-07"), ("The following year", "2020"),
    ("23 January 2024", "2024-01-23"), ("three days later", "2024-01-26"), ("last year", "2024"),
    ("This spring", "2025-03/2025-05"), ("2022", "2022"), ("16 May 2025", "2025-05-16"),
    ("the day before", "2025-05-15"), ("June 2023", "2023-06"), ("June 2", "2025-06-02"),
    ("now", "PRESENT_REF"), ("this year", "2025"), ("this month", "2025-07"), ("the coming weeks", "FUTURE_REF"),
]
# time words deliberately not dates: (surface, reason)
NON_DATES = [("wartime", "generic condition 'in wartime', not a calendar location"),
             ("then", "'Until then' is anchored to a hypothetical event, not the calendar")]

A = "author"
def C(span, type_, cert, pol, source, pred, actors=(), targets=(), dates=()):
    return dict(span=span, type=type_, certainty=cert, polarity=pol, source=source, predicate=pred,
                actors=list(actors), targets=list(targets), dates=list(dates))

ERD, PUT, ZEL, FID = "recep-tayyip-erdogan", "vladimir-putin", "volodymyr-zelensky", "hakan-fidan"
BSGI = "black-sea-grain-initiative"
CLAIMS = [
    # standfirst
    C("which brokered the Black Sea Grain Initiative with the United Nations in July 2022", "event", "certain", "positive", A,
      "broker", ["turkey", "united-nations"], [BSGI], ["2022-07"]),
    C("is once again hosting talks between Russia and Ukraine", "event", "certain", "positive", A,
      "host", ["turkey"], ["russia", "ukraine"]),
    C("Recep Tayyip Erdoğan insists", "event", "certain", "positive", A, "insist", [ERD]),
    C("Turkey can be both a loyal NATO member and a trusted go-between", "assessment", "certain", "positive", ERD,
      "be", ["turkey"], ["nato"]),
    C("his leverage over Moscow will likely be tested in the coming weeks", "prediction", "probable", "positive", A,
      "test", [], [ERD, "russia"], ["FUTURE_REF"]),
    # line 3
    C("Turkey has never joined the West’s sanctions against Russia", "fact", "certain", "negative", A,
      "join", ["turkey"], ["the-west", "russia"]),
    C("it has supplied Ukraine with weapons all the same", "event", "certain", "positive", A,
      "supply", ["turkey"], ["ukraine"]),
    C("From 2019 to 2021, Ankara sold Bayraktar TB2 drones to Kyiv", "event", "certain", "positive", A,
      "sell", ["turkey"], ["ukraine"], ["2019/2021"]),
    C("Turkish firms kept supplying them", "event", "certain", "positive", A,
      "supply", ["turkey"], ["ukraine"], ["2022-02-24"]),
    C("the Russian invasion of 24 February 2022", "event", "certain", "positive", A,
      "invade", ["russia"], [], ["2022-02-24"]),
    C("That ambiguity made Turkey useful to both sides", "assessment", "certain", "positive", A,
      "make", ["turkey"], ["russia", "ukraine"]),
    C("On 29 March 2022, Russian and Ukrainian delegations met at Dolmabahçe Palace in Istanbul", "event", "certain", "positive", A,
      "meet", ["russia", "ukraine"], [], ["2022-03-29"]),
    C("a draft framework apparently emerged from the talks", "event", "probable", "positive", A,
      "emerge", [], ["russia", "ukraine"], ["2022-03-29"]),
    C("It was never signed", "fact", "certain", "negative", A, "sign", [], ["russia", "ukraine"]),
    # line 4
    C("The grain deal was Ankara’s biggest success", "assessment", "certain", "positive", A,
      "be", [BSGI], ["turkey"]),
    C("Signed in Istanbul on 22 July 2022", "event", "certain", "positive", A, "sign", [], [BSGI], ["2022-07-22"]),
    C("the Black Sea Grain Initiative reopened three Ukrainian ports under joint inspection", "event", "certain", "positive", A,
      "reopen", [BSGI], ["ukraine"]),
    C("According to the UN, almost 33 million tonnes of food left those ports under the deal", "event", "certain", "positive",
      "united-nations", "leave", [], ["ukraine"]),
    C("On July 17, 2023, Moscow refused to extend it", "event", "certain", "positive", A,
      "refuse", ["russia"], [BSGI], ["2023-07-17"]),
    C("The Kremlin insisted", "event", "certain", "positive", A, "insist", ["kremlin"]),
    C("Western restrictions still blocked Russian exports of grain and fertiliser", "fact", "certain", "positive", "kremlin",
      "block", ["the-west"], ["russia"]),
    C("On 4 September 2023, Erdoğan flew to Sochi to revive the deal", "event", "certain", "positive", A,
      "fly", [ERD], [BSGI], ["2023-09-04"]),
    C("Vladimir Putin told him", "event", "certain", "positive", A, "tell", [PUT], [ERD], ["2023-09-04"]),
    C("Russia would return only once its demands were met", "prediction", "certain", "positive", PUT,
      "return", ["russia"], [BSGI]),
    C("The collapse of the deal in July 2023", "event", "certain", "positive", A, "collapse", [BSGI], [], ["2023-07"]),
    C("did not, however, end Ukrainian shipments", "fact", "certain", "negative", A, "end", [BSGI], ["ukraine"]),
    C("Kyiv opened its own corridor along the western coast of the Black Sea the following month", "event", "certain", "positive", A,
      "open", ["ukraine"], [], ["2023-08"]),
    # line 6
    C("Ankara’s deepest asset is geography", "assessment", "certain", "positive", A, "be", ["turkey"]),
    C("The Montreux Convention of 1936 gives Turkey control over the passage of warships through the Bosphorus and the Dardanelles in wartime",
      "fact", "certain", "positive", A, "give", ["montreux-convention"], ["turkey"]),
    C("On 28 February 2022, it closed the straits to the navies of the warring parties", "event", "certain", "positive", A,
      "close", ["turkey"], ["russia", "ukraine"], ["2022-02-28"]),
    C("that Kyiv welcomed", "event", "certain", "positive", A, "welcome", ["ukraine"], ["turkey"]),
    C("the Kremlin did not openly contest", "fact", "certain", "negative", A, "contest", ["kremlin"], ["turkey"]),
    C("Turkish officials insist", "event", "certain", "positive", A, "insist", ["turkey"]),
    C("the convention has kept the Black Sea from becoming a NATO–Russia battlefield", "assessment", "certain", "positive", "turkey",
      "keep", ["montreux-convention"], ["black-sea"]),
    # line 7
    C("Its standing in NATO is shakier", "assessment", "certain", "positive", A, "be", ["turkey"], ["nato"]),
    C("Turkey took delivery of Russian S-400 air-defence systems in July 2019", "event", "certain", "positive", A,
      "take", ["turkey"], ["russia"], ["2019-07"]),
    C("Washington expelled it from the F-35 programme that month", "event", "certain", "positive", A,
      "expel", ["united-states"], ["turkey"], ["2019-07"]),
    C("The following year, the United States imposed sanctions on Turkey’s defence procurement agency under the Countering America’s Adversaries Through Sanctions Act (CAATSA)",
      "event", "certain", "positive", A, "impose", ["united-states"], ["turkey"], ["2020"]),
    C("Erdoğan held up Sweden’s accession to the alliance", "event", "certain", "positive", A,
      "hold up", [ERD], ["sweden", "nato"], ["2024-01-23"]),
    C("until the Turkish parliament ratified it on 23 January 2024", "event", "certain", "positive", A,
      "ratify", ["turkey"], ["sweden"], ["2024-01-23"]),
    C("three days later, the State Department approved the sale of F-16 fighters to Ankara", "event", "certain", "positive", A,
      "approve", ["us-state-department"], ["turkey"], ["2024-01-26"]),
    C("which joined the alliance last year", "event", "certain", "positive", A, "join", ["sweden"], ["nato"], ["2024"]),
    C("no longer treats Ankara as an obstacle", "fact", "certain", "negative", A, "treat", ["sweden"], ["turkey"]),
    C("there are signs of lingering distrust in Brussels", "fact", "probable", "positive", A,
      "be", ["european-union"], ["turkey"]),
    C("Several EU governments resent Turkey’s booming trade with Russia", "fact", "certain", "positive", A,
      "resent", ["european-union"], ["turkey"]),
    # line 9
    C("This spring brought Turkey back to the centre of diplomacy", "assessment", "certain", "positive", A,
      "bring", [], ["turkey"], ["2025-03/2025-05"]),
    C("which had not met face to face since 2022", "fact", "certain", "negative", A,
      "meet", ["russia", "ukraine"], [], ["2022"]),
    C("held talks in Istanbul on 16 May 2025", "event", "certain", "positive", A,
      "hold", ["russia", "ukraine"], [], ["2025-05-16"]),
    C("Putin stayed away", "event", "certain", "positive", A, "stay away", [PUT]),
    C("although Volodymyr Zelensky had met Erdoğan in Ankara the day before", "event", "certain", "positive", A,
      "meet", [ZEL], [ERD], ["2025-05-15"]),
    C("Hakan Fidan (foreign minister since June 2023)", "fact", "certain", "positive", A, "be", [FID], ["turkey"], ["2023-06"]),
    C("opened the session", "event", "certain", "positive", A, "open", [FID]),
    C("urged both sides to agree on a ceasefire", "event", "certain", "positive", A, "urge", [FID], ["russia", "ukraine"]),
    C("a second round on June 2", "event", "certain", "positive", A, "round", [], [], ["2025-06-02"]),
    C("the two delegations agreed to exchange prisoners", "event", "certain", "positive", A,
      "agree", ["russia", "ukraine"], [], ["2025-06-02"]),
    C("they did not agree on a ceasefire", "fact", "certain", "negative", A,
      "agree", ["russia", "ukraine"], [], ["2025-06-02"]),
    C("Fidan said", "event", "certain", "positive", A, "say", [FID]),
    C("both delegations had engaged seriously", "assessment", "certain", "positive", FID, "engage", ["russia", "ukraine"]),
    C("while Russian negotiators insisted", "event", "certain", "positive", A, "insist", ["russia"]),
    C("any settlement must recognise Moscow’s territorial claims", "prediction", "certain", "positive", "russia",
      "recognise", [], ["russia", "ukraine"]),
    # line 10
    C("Ankara’s role now has clear limits", "assessment", "certain", "positive", A, "have", ["turkey"], [], ["PRESENT_REF"]),
    C("Turkey is no longer the only venue", "fact", "certain", "negative", A, "be", ["turkey"]),
    C("Saudi Arabia hosted separate American talks with both sides this year", "event", "certain", "positive", A,
      "host", ["saudi-arabia"], ["united-states", "russia", "ukraine"], ["2025"]),
    C("Donald Trump’s envoys speak to the Kremlin directly", "fact", "certain", "positive", A,
      "speak", ["donald-trump"], ["kremlin"]),
    C("Erdoğan told reporters this month", "event", "certain", "positive", A, "tell", [ERD], [], ["2025-07"]),
    C("a third round could be held in Istanbul in the coming weeks", "prediction", "possible", "positive", ERD,
      "hold", [], ["russia", "ukraine"], ["FUTURE_REF"]),
    C("he has offered to host a meeting between Putin and Zelensky", "event", "certain", "positive", A,
      "offer", [ERD], [PUT, ZEL]),
    C("Such a summit might happen", "prediction", "possible", "positive", A, "happen", [PUT, ZEL]),
    C("it is unlikely before Moscow drops its demands", "prediction", "probable", "negative", A,
      "be", [PUT, ZEL], ["russia"]),
    C("Until then, Turkey will likely remain a convenient postbox rather than a peacemaker", "prediction", "probable", "positive", A,
      "remain", ["turkey"]),
    C("its allies will keep tolerating its ambiguity", "prediction", "certain", "positive", A,
      "tolerate", ["nato"], ["turkey"]),
    C("because they need the straits", "assessment", "certain", "positive", A,
      "need", ["nato"], ["bosphorus", "dardanelles"]),
    # bio
    C("Helena Marsh is a research fellow at the Kestrel Forum for Eurasian Security in Edinburgh", "fact", "certain", "positive", A,
      "be", ["helena-marsh"], ["kestrel-forum-for-eurasian-security"]),
]

LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
VALUE_RE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?|PAST_REF|PRESENT_REF|FUTURE_REF)$")
TIME_WORD_RE = re.compile(
    r"(?<!\w)(?:1\d{3}|20\d{2}|January|February|March|April|June|July|August|September|October|November|December|May(?= \d)|"
    r"(?i:spring|summer|autumn|winter|years?|months?|weeks?|days?|hours?|nights?|wartime|then|"
    r"generation|today|tonight|now|nowadays|recent(?:ly)?|ago|later|earlier|before|"
    r"currently|decades?|centur(?:y|ies)|yesterday|tomorrow|future))(?!\w)")
SENT_SPLIT_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z‘“])")
problems = []
def check(cond, msg):
    if not cond:
        problems.append(msg)

def ww(text, s, pos):
    m = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)").search(text, pos)
    return m.start() if m else -1

def main():
    raw = open(TXT, "rb").read()
    text = raw.decode("utf-8")
    lines = text.split("\n")
    kb = {}
    for row in KB:
        kid, label, name, aliases = row[:4]
        extra = dict(row[4]) if len(row) > 4 else {}
        wd = extra.pop("wikidata", None)
        check(kid not in kb, f"dup kb {kid}")
        for m in extra.get("metonyms", []):
            check(m in aliases, f"metonym {m} not alias")
        kb[kid] = {"id": kid, "label": label, "name": name, "aliases": aliases, "wikidata": wd, **extra}
    # entities
    ents, pos = [], 0
    for s, label, kid in ENTITIES:
        st = ww(text, s, pos)
        check(st >= 0, f"entity {s!r} not found after {pos}")
        if st < 0: continue
        check(kid in kb and kb[kid]["label"] == label, f"entity {s} label/kb mismatch")
        check(s == kb[kid]["name"] or s in kb[kid]["aliases"], f"entity {s} not name/alias of {kid}")
        ents.append({"start": st, "end": st + len(s), "text": s, "label": label, "kb_id": kid})
        pos = st + len(s)
    for kid, e in kb.items():
        for form in [e["name"]] + e["aliases"]:
            form = re.sub(r"^the ", "", form)
            p = 0
            while True:
                st = ww(text, form, p)
                if st < 0: break
                check(any(x["start"] <= st and st + len(form) <= x["end"] for x in ents),
                      f"unannotated {form!r} ({kid}) at {st}: {text[max(0,st-30):st+40]!r}")
                p = st + 1
    used = {x["kb_id"] for x in ents}
    check(set(kb) == used, f"kb entries unused: {set(kb) - used}")
    # dates
    dates, pos = [], 0
    for s, v in DATES:
        st = ww(text, s, pos)
        check(st >= 0, f"date {s!r} not found after {pos}")
        if st < 0: continue
        check(VALUE_RE.match(v), f"bad value {v}")
        check(not any(x["start"] < st + len(s) and st < x["end"] for x in ents), f"date {s} overlaps entity")
        dates.append({"start": st, "end": st + len(s), "text": s, "value": v})
        pos = st + len(s)
    non = []
    for s, _ in NON_DATES:
        p = 0
        while True:
            st = ww(text, s, p)
            if st < 0: break
            non.append((st, st + len(s))); p = st + 1
    for m in TIME_WORD_RE.finditer(text):
        a, b = m.span()
        if text.count("\n", 0, a) in (0,) or lines[text.count("\n", 0, a)] in HEADINGS:
            continue
        ok = any(d["start"] <= a and b <= d["end"] for d in dates) or any(x <= a and b <= y for x, y in non)
        if not ok:
            print(f"  note: time word {m.group()!r} at {a} not in a date: {text[max(0,a-30):b+20]!r}")
    # claims
    sents, off = [], 0
    for ln, line in enumerate(lines):
        s0 = 0
        for m in SENT_SPLIT_RE.finditer(line):
            sents.append((off + s0, off + m.start(), ln)); s0 = m.end()
        sents.append((off + s0, off + len(line), ln)); off += len(line) + 1
    claims, pos = [], 0
    heading_lines = {0} | {lines.index(h) for h in HEADINGS}
    for i, c in enumerate(CLAIMS, 1):
        st = text.find(c["span"], pos)
        check(st >= 0, f"c{i} {c['span']!r} not found after {pos}")
        if st < 0: continue
        en = st + len(c["span"])
        check(text.count("\n", 0, st) not in heading_lines, f"c{i} in title/heading")
        check("\n" not in c["span"] and not c["span"].endswith((".", ",", ";", ":")), f"c{i} span end")
        check(not re.match(r"(?i)(and|but|or|so|yet|nor) ", c["span"]), f"c{i} starts with coordinator")
        check(c["source"] == "author" or c["source"] in used, f"c{i} source")
        for k in c["actors"] + c["targets"]:
            check(k in used, f"c{i} arg {k} not mentioned")
        insent = [sp for sp in sents if sp[0] < en and st < sp[1]]
        local = {d["value"] for d in dates if any(a <= d["start"] and d["end"] <= b for a, b, _ in insent)}
        for v in c["dates"]:
            check(v in local, f"c{i} date {v} not in its sentence")
        claims.append({"id": f"c{i}", "start": st, "end": en, "text": c["span"], "type": c["type"],
                       "certainty": c["certainty"], "polarity": c["polarity"], "source": c["source"],
                       "predicate": c["predicate"], "actors": c["actors"], "targets": c["targets"], "dates": c["dates"]})
        pos = en
    for a, b, ln in sents:
        if ln in heading_lines or a == b or text[a:b].rstrip().endswith("?"):
            continue
        check(any(c["start"] < b and a < c["end"] for c in claims), f"sentence without claim: {text[a:b]!r}")
    bio = [c for c in claims if text.count("\n", 0, c["start"]) == len(lines) - 1]
    check(len(bio) == 1 and bio[0]["type"] == "fact", "bio must carry one fact")
    if problems:
        print("\n".join("PROBLEM: " + p for p in problems)); sys.exit(1)
    rec = {"article_id": AID, "annotator": "gold", "text_sha256": hashlib.sha256(raw).hexdigest(),
           "entities": ents, "dates": dates, "claims": claims}
    os.makedirs(os.path.join(OUT, AID), exist_ok=True)
    with open(os.path.join(OUT, AID, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(rec, f, ensure_ascii=False, indent=2); f.write("\n")
    with open(os.path.join(OUT, "kb.jsonl"), "w", encoding="utf-8") as f:
        for e in kb.values():
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    cnt = lambda k: dict(Counter(c[k] for c in claims))
    print(len(text.split()), "words; entities", len(ents), dict(Counter(e["label"] for e in ents)))
    print("dates", len(dates), "; claims", len(claims), cnt("type"), cnt("certainty"), cnt("polarity"),
          "reported", sum(c["source"] != "author" for c in claims))

main()
