"""Dates: spans and ISO 8601 / TimeML values (SPEC section 3, "Dates").

Every sentence here is invented for the rule it tests.
"""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import DateFinder, DateResult, find_dates
from pipeline.records import VAGUE_DATES, DateMention

ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")

CASES = [
    # --- absolute dates: both day-month orders, month-year, bare years ------
    ("The charter was signed on 13 March 2019 in Graz.", None, [("13 March 2019", "2019-03-13")]),
    ("The charter was signed on March 13, 2019, in Graz.", None, [("March 13, 2019", "2019-03-13")]),
    ("The envoys met on the 2nd of June 2016 in Oslo.", None, [("the 2nd of June 2016", "2016-06-02")]),
    ("Talks resumed on Sept. 5, 2019 and again on 5 Dec 2021.", None,
     [("Sept. 5, 2019", "2019-09-05"), ("5 Dec 2021", "2021-12-05")]),
    ("The ballot of Monday, 4 March 2024 was annulled.", None, [("Monday, 4 March 2024", "2024-03-04")]),
    ("The decree is dated 2019-05-07.", None, [("2019-05-07", "2019-05-07")]),
    ("Voters went to the polls in July 2018.", None, [("July 2018", "2018-07")]),
    ("The movement was founded in 1997 by students.", None, [("1997", "1997")]),
    ("The 2014 bank fraud still haunts the ministry.", None, [("2014", "2014")]),
    # --- ranges and intervals ------------------------------------------------
    ("The monarchy ruled from 1921 to 1939.", None, [("1921 to 1939", "1921/1939")]),
    ("She chaired the council in 2005–2009.", None, [("2005–2009", "2005/2009")]),
    ("The mission ran in 2016-17 without incident.", None, [("2016-17", "2016/2017")]),
    ("Exports fell between 2011 and 2015.", None, [("2011 and 2015", "2011/2015")]),
    ("Strikes spread between May and July 2017.", None, [("May and July 2017", "2017-05/2017-07")]),
    ("The talks ran 14–16 May 2019 in Geneva.", None, [("14–16 May 2019", "2019-05-14/2019-05-16")]),
    ("Rationing lasted from December 2023 to February 2024.", None,
     [("December 2023 to February 2024", "2023-12/2024-02")]),
    # --- coordinated months and days share what they lack --------------------
    ("The ministers met in April and June 2019.", None, [("April", "2019-04"), ("June 2019", "2019-06")]),
    ("Truces collapsed in January, February and April 2015.", None,
     [("January", "2015-01"), ("February", "2015-02"), ("April 2015", "2015-04")]),
    ("Rallies took place on 14 and 29 June 2017.", None, [("14", "2017-06-14"), ("29 June 2017", "2017-06-29")]),
    ("The party won seats in 2014 and 2020.", None, [("2014", "2014"), ("2020", "2020")]),
    # --- decades, centuries, seasons -----------------------------------------
    ("The bloc grew in the 1980s.", None, [("the 1980s", "1980/1989")]),
    ("Factories closed in the early 1990s.", None, [("the early 1990s", "1990/1999")]),
    ("Borders moved often in the 20th century.", None, [("the 20th century", "1900/1999")]),
    ("Reforms began in spring 2016.", None, [("spring 2016", "2016-03/2016-05")]),
    ("Turnout slumped in the autumn of 2013.", None, [("the autumn of 2013", "2013-09/2013-11")]),
    ("Sales recovered in fall 2012.", None, [("fall 2012", "2012-09/2012-11")]),
    ("The siege lasted through the winter of 2021–22.", None, [("the winter of 2021–22", "2021-12/2022-02")]),
    ("Gas ran short in winter 2019.", None, [("winter 2019", "2019-12/2020-02")]),
    # --- modifiers stay in the span and are not encoded -----------------------
    ("Growth slowed in late 2019.", None, [("late 2019", "2019")]),
    ("Prices peaked in mid-2014.", None, [("mid-2014", "2014")]),
    ("The mandate runs until the end of 2031.", None, [("the end of 2031", "2031")]),
    ("The appeal was lodged on 2 September 2020. The court ruled in early October.", None,
     [("2 September 2020", "2020-09-02"), ("early October", "2020-10")]),
    # --- partial dates: the year of the narrative, else of the DCT -----------
    ("The minister quit on 4 June 2012. Her deputy followed on 19 June.", "2015-01-01",
     [("4 June 2012", "2012-06-04"), ("19 June", "2012-06-19")]),
    ("Riots broke out on 9 February.", "2024-05-10", [("9 February", "2024-02-09")]),
    ("Riots broke out on 9 November.", "2024-05-10", [("9 November", "2023-11-09")]),
    ("The assembly will vote in October.", "2024-05-10", [("October", "2024-10")]),
    ("A referendum is expected in March.", "2024-05-10", [("March", "2025-03")]),
    ("The envoy may return. He left in May.", "2024-09-01", [("May", "2024-05")]),
    ("Talks collapsed in November 2024. In February the envoy returned.", "2025-06-01",
     [("November 2024", "2024-11"), ("February", "2025-02")]),
    ("The law passed in May 2024; it had been tabled in April.", "2025-06-01",
     [("May 2024", "2024-05"), ("April", "2024-04")]),
    ("Talks opened on 3 March and will close in June.", "2024-05-10",
     [("3 March", "2024-03-03"), ("June", "2024-06")]),
    ("The assembly will debate the bill and vote on it in June.", "2024-08-01", [("June", "2025-06")]),
    # traps: a year that only identifies a thing or states a horizon does not
    # set the narrative year
    ("The bill was tabled in April 2023; it copies a Hungarian law of 2017. Deputies passed it on 3 May.",
     None, [("April 2023", "2023-04"), ("2017", "2017"), ("3 May", "2023-05-03")]),
    ("The cabinet fell in March 2022. Critics cited the 1978 charter, and the king left in July.", None,
     [("March 2022", "2022-03"), ("1978", "1978"), ("July", "2022-07")]),
    ("In February 2021 the junta vowed to hold a vote by 2030. It expelled an envoy on 2 March.", None,
     [("February 2021", "2021-02"), ("2030", "2030"), ("2 March", "2021-03-02")]),
    # --- relative to the DCT ---------------------------------------------------
    ("Inflation doubled last year.", "2023-06-15", [("last year", "2022")]),
    ("Since last year’s vote the mood has soured.", "2023-06-15", [("last year", "2022")]),
    ("Wages rose this year and will rise next year.", "2023-06-15", [("this year", "2023"), ("next year", "2024")]),
    ("Fuel prices fell last month.", "2023-06-15", [("last month", "2023-05")]),
    ("The budget is due this month, the audit next month.", "2023-06-15",
     [("this month", "2023-06"), ("next month", "2023-07")]),
    ("The port reopened three years ago.", "2023-06-15", [("three years ago", "2020")]),
    ("The port reopened 3 years ago.", "2023-06-15", [("3 years ago", "2020")]),
    ("The strike ended two months ago.", "2023-06-15", [("two months ago", "2023-04")]),
    ("The mayor resigned yesterday.", "2023-06-15", [("yesterday", "2023-06-14")]),
    ("The mayor resigns today and leaves tomorrow.", "2023-06-15",
     [("today", "2023-06-15"), ("tomorrow", "2023-06-16")]),
    ("The mayor resigned yesterday.", "2023-06", [("yesterday", None)]),
    ("Sanctions have bitten since last August.", "2023-06-15", [("last August", "2022-08")]),
    ("Sanctions have bitten since last August.", "2023-10-01", [("last August", "2023-08")]),
    ("Two bishops were detained last summer.", "2024-01-10", [("last summer", "2023-06/2023-08")]),
    ("Two bishops were detained last summer.", "2024-07-10", [("last summer", "2023-06/2023-08")]),
    ("The ban was lifted last autumn.", "2024-03-01", [("last autumn", "2023-09/2023-11")]),
    ("This spring, the council passed a budget.", "2024-10-01", [("This spring", "2024-03/2024-05")]),
    ("Pipes froze last winter.", "2024-01-20", [("last winter", "2022-12/2023-02")]),
    ("The panel met last week.", "2024-01-17", [("last week", "2024-01-08/2024-01-14")]),
    ("The cabinet met on Monday.", "2024-01-17", [("Monday", "2024-01-15")]),
    # --- chained: from the nearest earlier date ------------------------------
    ("The vote was held on 10 April 2016; two weeks later it was annulled.", None,
     [("10 April 2016", "2016-04-10"), ("two weeks later", "2016-04-24")]),
    ("The port closed on 3 May 2011 and reopened ten days later.", None,
     [("3 May 2011", "2011-05-03"), ("ten days later", "2011-05-13")]),
    ("The general died on 30 June 2008 and was buried the next day.", None,
     [("30 June 2008", "2008-06-30"), ("the next day", "2008-07-01")]),
    ("Troops crossed on 19 August 2015 and withdrew the following day.", None,
     [("19 August 2015", "2015-08-19"), ("the following day", "2015-08-20")]),
    ("The court sat on 8 June 2017. A day later it adjourned.", None,
     [("8 June 2017", "2017-06-08"), ("A day later", "2017-06-09")]),
    ("The king abdicated on 2 July 2009. The same day, his son was crowned.", None,
     [("2 July 2009", "2009-07-02"), ("The same day", "2009-07-02")]),
    ("The pact was sealed on 5 March 2014; eighteen months later it lapsed.", None,
     [("5 March 2014", "2014-03-05"), ("eighteen months later", "2015-09")]),
    ("Parliament met on 13 March 2021. Five months later it was dissolved.", None,
     [("13 March 2021", "2021-03-13"), ("Five months later", "2021-08")]),
    ("The mine opened in 2001; a year later it flooded.", None, [("2001", "2001"), ("a year later", "2002")]),
    ("The mine flooded in 2001; two years later it closed.", None, [("2001", "2001"), ("two years later", "2003")]),
    ("The mine closed in 2001, and a year earlier it had been sold.", None,
     [("2001", "2001"), ("a year earlier", "2000")]),
    ("The accord was initialled in May 2019, and that summer the border reopened.", None,
     [("May 2019", "2019-05"), ("that summer", "2019-06/2019-08")]),
    ("The dam burst in April 2010; that year the harvest failed.", None,
     [("April 2010", "2010-04"), ("that year", "2010")]),
    ("The dam burst on 2 April 2010; that month the harvest failed.", None,
     [("2 April 2010", "2010-04-02"), ("that month", "2010-04")]),
    ("The junta took power in 1999 and fell the following year.", None,
     [("1999", "1999"), ("the following year", "2000")]),
    ("Troops landed on 12 March 2014; by the end of the month the island was taken.", None,
     [("12 March 2014", "2014-03-12"), ("the end of the month", "2014-03")]),
    # the anchor lacks the unit's precision: no value rather than a wrong one
    ("The plan was drafted in 2010. Ten days later it leaked.", None, [("2010", "2010"), ("Ten days later", None)]),
    # --- vague references (TimeML) -------------------------------------------
    ("The movement is now split.", None, [("now", "PRESENT_REF")]),
    ("For now the border stays shut.", None, [("now", "PRESENT_REF")]),
    ("The ministry is currently silent.", None, [("currently", "PRESENT_REF")]),
    ("At present the coalition holds.", None, [("present", "PRESENT_REF")]),
    ("Rents have soared in recent years.", None, [("recent years", "PAST_REF")]),
    ("The envoy recently resigned.", None, [("recently", "PAST_REF")]),
    ("In the past, the river marked the border.", None, [("the past", "PAST_REF")]),
    ("Visas may be scrapped in the coming weeks.", None, [("the coming weeks", "FUTURE_REF")]),
    ("Nobody knows what the party will do in the future.", None, [("the future", "FUTURE_REF")]),
    ("The law will soon change.", None, [("soon", "FUTURE_REF")]),
    ("The port reopened a few years ago.", "2020-05-05", [("a few years ago", "PAST_REF")]),
    # --- not dates: durations, frequencies, quantities, other words ----------
    ("The nine-month siege ended in defeat.", None, []),
    ("A 35-year rivalry shaped the region.", None, []),
    ("The lease runs for 99 years.", None, []),
    ("The council meets every year and argued for two years.", None, []),
    ("Shelling went on night after night.", None, []),
    ("These were the largest rallies in a generation.", None, []),
    ("Within days, the envoy had left.", None, []),
    ("Several organisers were later fined.", None, []),
    ("Many fear for the country’s democratic future.", None, []),
    ("Some 2000 troops and 2,000 police arrived.", None, []),
    ("The regime freed 123 prisoners, 53.9 per cent of the total.", None, []),
    ("The envoy left in March 2025. The premier, in office since 2019, resigned in mid-June.", "2025-10-01",
     [("March 2025", "2025-03"), ("2019", "2019"), ("mid-June", "2025-06")]),  # a "since" date starts a state
    ("The talks ended on 2 September 2025. A minister warned that gas could run out by November.", "2025-10-01",
     [("2 September 2025", "2025-09-02"), ("November", "2025-11")]),  # "could": a possible future
    ("The new border fence is 1990 km long.", None, []),
    ("Rebels may strike again, as soon as the snow melts.", None, []),
    ("The Prague Spring of 1968 ended in August.", None, [("1968", "1968"), ("August", "1968-08")]),
    ("The now-defunct party rallied in the summer of discontent.", None, []),
]


def _pairs(result: DateResult) -> list[tuple[str, str | None]]:
    return [(mention.text, mention.value) for mention in result.mentions]


@pytest.mark.parametrize("text, dct, expected", CASES)
def test_find_dates(text, dct, expected):
    assert _pairs(find_dates(text, dct=dct)) == expected


def test_table_is_large_enough():
    assert len(CASES) >= 60


def test_offsets_point_into_the_text():
    text = "Since July 2024, and from 2014 to 2020, the regime has hedged."
    for mention in find_dates(text, dct="2025-12-20").mentions:
        assert text[mention.start : mention.end] == mention.text


def test_without_dct_relative_values_are_null_but_vague_ones_stay():
    result = find_dates("Inflation doubled last year and is now falling.", dct=None)
    assert _pairs(result) == [("last year", None), ("now", "PRESENT_REF")]
    assert result.dct is None and result.dct_inferred is False


def test_dct_is_inferred_from_the_latest_past_date():
    text = "Talks opened on 3 March 2023 and will close by 2030. Last month the envoy quit."
    result = find_dates(text, dct=None)
    # "by 2030" is a horizon, not a lower bound for the publication date.
    assert result.dct == "2023-03-03" and result.dct_inferred is True
    assert ("Last month", "2023-02") in _pairs(result)


def test_partial_dct_is_refined_by_a_date_inside_it():
    result = find_dates("The strike began on 4 May 2025.", dct="2025")
    assert (result.dct, result.dct_inferred) == ("2025-05-04", True)


def test_partial_dct_is_kept_when_the_text_is_older():
    result = find_dates("The strike began in 2019 and ended last month.", dct="2025-06")
    assert (result.dct, result.dct_inferred) == ("2025-06", False)
    assert _pairs(result)[-1] == ("last month", "2025-05")


def test_invalid_dct_is_rejected():
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        find_dates("Nothing happened.", dct="spring")


def test_blocked_ranges_hold_no_date():
    text = "Vision 2030 was launched in 2016."
    assert _pairs(find_dates(text, blocked=[(0, 11)])) == [("2016", "2016")]


def test_vague_references_can_be_switched_off():
    finder = DateFinder(annotate_vague=False)
    result = finder.find("Rents have soared in recent years and now in 2024.", dct="2025-01-01")
    assert _pairs(result) == [("2024", "2024")]


def test_same_input_gives_same_output():
    text = "On 14 May 2019, two weeks later and last summer, the council met; for now it waits."
    assert find_dates(text, dct="2020-02-02") == find_dates(text, dct="2020-02-02")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("0123456789 -–/,.’'aelnorstyJMDSFAON")
            + ["May ", "June ", "December ", "2019", "1999", "last ", "next ", "year", "month", "week", "ago",
               "later", "the ", "of ", "and ", "to ", "winter ", "summer ", "now", "recent months", "early ",
               "the end of ", "13 ", "31 ", "29 February ", "that day", "Monday", "will ", "between "]
        ),
        max_size=40,
    ).map("".join),
    st.sampled_from([None, "2024", "2024-02", "2024-02-29", "1999-12-31"]),
)
def test_find_dates_never_fails_and_keeps_the_contract(text, dct):
    result = find_dates(text, dct=dct)
    previous_end = 0
    for mention in result.mentions:
        assert isinstance(mention, DateMention)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
        assert mention.value is None or mention.value in VAGUE_DATES or ISO_VALUE.match(mention.value)


@given(st.text(max_size=200))
def test_find_dates_never_fails_on_any_text(text):
    for mention in find_dates(text).mentions:
        assert text[mention.start : mention.end] == mention.text


# --- the spaCy component -------------------------------------------------------


@pytest.fixture(scope="module")
def date_nlp():
    """A blank English pipeline with only the date component."""
    import pipeline.dates  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("date_normalizer")
    return nlp


def _run(nlp, text: str, dct: str | None):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def test_component_sets_spans_values_and_mentions(date_nlp):
    doc = _run(date_nlp, "The plant closed in mid-2014, and last year’s audit found debts.", "2020-03-03")
    spans = doc.spans["dates"]
    assert [(span.text, span._.date_value, span.label_) for span in spans] == [
        ("mid-2014", "2014", "DATE"),
        ("last year", "2019", "DATE"),
    ]
    assert [(m.text, m.value) for m in doc._.date_mentions] == [("mid-2014", "2014"), ("last year", "2019")]
    assert (doc._.dct, doc._.dct_inferred) == ("2020-03-03", False)


def test_component_keeps_exact_offsets_when_tokens_do_not_align(date_nlp):
    text = "Unrest spread in the 1990s’ last years."
    doc = _run(date_nlp, text, None)
    (mention,) = doc._.date_mentions
    assert text[mention.start : mention.end] == "the 1990s"
    assert doc.spans["dates"][0].start_char <= mention.start
    assert doc.spans["dates"][0].end_char >= mention.end


def test_component_infers_the_dct(date_nlp):
    doc = _run(date_nlp, "The ceasefire of 12 May 2022 held. Since then, now and then, talks stall.", None)
    assert doc._.dct == "2022-05-12"
    assert doc._.dct_inferred is True


def test_component_without_dates_gives_empty_group(date_nlp):
    doc = _run(date_nlp, "No calendar here.", "2024-01-01")
    assert list(doc.spans["dates"]) == []
    assert doc._.date_mentions == []


def test_component_can_block_entity_labels():
    import pipeline.dates  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("date_normalizer", config={"blocked_labels": ["LAW"]})
    doc = nlp.make_doc("The Charter 2030 was adopted in 2016.")
    doc.ents = [doc.char_span(4, 16, label="LAW")]
    doc = nlp(doc)
    assert [(span.text, span._.date_value) for span in doc.spans["dates"]] == [("2016", "2016")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Today, the republic is a close ally of its neighbour.", "PRESENT_REF"),  # present tense: nowadays
        ("Today the coalition controls the north.", "PRESENT_REF"),
        ("Today, the party has become a pariah.", "PRESENT_REF"),  # present perfect
        ("Today's republic depends on foreign loans.", "PRESENT_REF"),  # possessive
        ("The republic of today looks different.", "PRESENT_REF"),
        ("Today the minister resigned.", "2025-06-03"),  # past tense: the DCT's day
        ("Today the talks will resume.", "2025-06-03"),  # future: the DCT's day
        ("The envoy met the rebels today.", "2025-06-03"),
    ],
)
def test_today_means_nowadays_only_in_a_present_clause(nlp_small_kb, text, value):
    doc = nlp_small_kb.make_doc(text)
    doc._.dct = "2025-06-03"
    doc = nlp_small_kb(doc)
    assert [(m.text.lower(), m.value) for m in doc._.date_mentions] == [("today", value)]


@pytest.mark.parametrize(
    "text, dct, expected",
    [
        # A relative clause is background: its date does not set the narrative year.
        ("The court sentenced the leader on 26 February 2025 over two laws that he signed in July 2023. "
         "In early March the assembly defied the court.", "2025-08-11", ("early March", "2025-03")),
        # So is a flashback in the past perfect.
        ("The envoy arrived on 3 May 2025. The minister had resigned on 1 July 2023. On 9 May the talks began.",
         "2025-08-11", ("9 May", "2025-05-09")),
        # A sentence in the present returns the narrative to the publication date.
        ("In March 2024 the council agreed to open talks. Progress has stalled. The plan was not approved in early summer.",
         "2025-08-11", ("early summer", "2025-06/2025-08")),
        # "that December" follows the story, not a background "since" date.
        ("The old president died on 2 September 2016. His deputy, prime minister since 2003, won the election that December.",
         "2025-05-27", ("that December", "2016-12")),
        # A chained count still counts from the nearest earlier date.
        ("The envoy arrived on 3 May 2025. The minister had resigned on 1 July 2023, and two days later he left.",
         "2025-08-11", ("two days later", "2023-07-03")),
    ],
)
def test_partial_dates_follow_the_narrative(nlp_small_kb, text, dct, expected):
    doc = nlp_small_kb.make_doc(text)
    doc._.dct = dct
    doc = nlp_small_kb(doc)
    assert expected in [(m.text, m.value) for m in doc._.date_mentions]
