"""Fact extraction on documents written for these tests (never the seeds).

Each test is something an analyst would notice: a meeting with someone the gazetteer has
never heard of, a plan dated from the month it was announced in, an agreement dated by its
statement, one fact per event however it is told, and ids that do not move.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.config import CONFIG_DIR
from bot.kb.documents import DocumentRecord, PassageRecord
from bot.kb.entities import Gazetteer
from bot.kb.extract.facts import extract_document
from bot.kb.index_names import search_names
from bot.kb.merge import merge_facts
from bot.kb.sentences import split_sentences


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(CONFIG_DIR / "gazetteer")


def make_doc(
    doc_id: str, text: str, when: date | None, furniture: tuple[int, ...] = ()
) -> DocumentRecord:
    """A document whose passages are its blank-line separated paragraphs."""
    passages = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        seq = len(passages)
        passages.append(
            PassageRecord(
                seq,
                m.start(),
                m.end(),
                m.group(),
                seq in furniture,
                "test" if seq in furniture else None,
            )
        )
    return DocumentRecord(
        id=doc_id,
        text=text,
        title=f"Title of {doc_id}",
        date=when,
        date_inferred=False,
        passages=passages,
    )


def surnames(names: list[str]) -> set[str]:
    return {n.split()[-1] for n in names}


def check_provenance(doc: DocumentRecord, facts) -> None:
    for f in facts:
        assert doc.text[f.span[0] : f.span[1]] == f.quote
        assert f.sources and f.sources[0].quote == f.quote
        for s in f.sources:
            assert s.doc_id == doc.id and doc.text[s.span[0] : s.span[1]] == s.quote


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The committee convened in Washington, D.C. The Ministers met again.",
            ["The committee convened in Washington, D.C.", "The Ministers met again."],
        ),
        (
            "Lt. Gen. Philip A. Garrant led the U.S. Navy team. It sailed.",
            ["Lt. Gen. Philip A. Garrant led the U.S. Navy team.", "It sailed."],
        ),
        (
            "Acme Rockets Inc. **to [develop](#) a launcher**. Then it flew.",
            ["Acme Rockets Inc. **to [develop](#) a launcher**.", "Then it flew."],
        ),
        ("Headline one\nSecond line here.", ["Headline one", "Second line here."]),
        (
            "Meanwhile, a U.S.-Japan-S. Korea naval exercise took place near Jeju. It ended.",
            ["Meanwhile, a U.S.-Japan-S. Korea naval exercise took place near Jeju.", "It ended."],
        ),
    ],
)
def test_sentences_keep_exact_offsets_and_fix_known_merges(text, expected):
    sents = split_sentences(text, offset=100)
    assert [s.text for s in sents] == expected
    assert all(text[s.start - 100 : s.end - 100] == s.text for s in sents)


@pytest.mark.parametrize(
    "text",
    [
        "He said “we will meet again.” Then he left. Was it useful? Officials thought so!",
        "The talks ended at 5 p.m. The ministers left. Adm. John Aquilino spoke. Japan agreed.",
        "JS Maya sailed on Oct. 23. It returned on Nov. 1. No. 6 was launched. It worked.",
        "Gen. Charles Q. Brown Jr. met the press. (He smiled.) The end came in 2024. Fine.",
    ],
)
def test_fast_path_splits_exactly_like_pysbd(monkeypatch, text):
    import bot.kb.sentences as sentences

    fast = [s.text for s in split_sentences(text)]
    monkeypatch.setattr(sentences, "_plain_boundaries", lambda line: None)
    assert fast == [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "line",
    [
        "The co-chairs met Gov. Ito at 9 a.m. in the Dept. of Defense. Then they left.",
        "Capt. Sato, Col. Reyes and Sgt. Maj. Ono arrived on Jan. 3. The drill began.",
        "Acme Co. and Rocket Corp. signed a deal (approx. 40 mln. yen). No. 6 flew.",
        "Prof. Aoki said the est. cost was high, e.g. the launch. Ibid. It was late.",
        "The \u017fpace unit met Fig. 2 \u212aeiko in St. Louis vs. the plan. It ended.",
        "Art. 5 and Vol. 2 apply; cf. the Mt. Fuji site. The arc. was long. Min. Kato spoke.",
    ],
)
def test_abbreviation_pass_splits_exactly_like_pysbd(line):
    """The shortcut in pysbd's abbreviation pass never changes its sentences."""
    import pysbd

    import bot.kb.sentences as sentences

    plain = pysbd.Segmenter(language="en", clean=False)
    assert sentences._segmenter().processor(line).process() == plain.processor(line).process()


# --------------------------------------------------------------------------- meetings


def test_meeting_with_a_title_shaped_name_not_in_the_gazetteer(gazetteer):
    text = (
        "Alliance Weekly\n\n"
        "On March 3, Foreign Minister Haruto Sakaguchi met Defense Secretary Daniel Whitcombe "
        "in Osaka to discuss missile defense cooperation."
    )
    doc = make_doc("weekly.txt", text, date(2031, 3, 10))
    facts = extract_document(doc, gazetteer)
    meetings = [f for f in facts if f.kind == "meeting"]
    assert len(meetings) == 1
    m = meetings[0]
    assert {"Sakaguchi", "Whitcombe"} <= surnames(m.participants)
    assert (m.date_start, m.date_end, m.date_precision) == ("2031-03-03", "2031-03-03", "day")
    assert m.location == "Osaka"
    assert "Sakaguchi" in m.title and "Whitcombe" in m.title
    check_provenance(doc, facts)


def test_one_event_told_in_several_sentences_is_one_fact(gazetteer):
    text = (
        "On April 2, 2031, Defense Minister Haruto Sakaguchi met Defense Secretary Daniel Whitcombe "
        "at the Pentagon in Washington. During the meeting, the two ministers agreed to expand "
        "cooperation on cyber defense. Whitcombe also met Japan Joint Staff chief General Kenji Morioka.\n\n"
        "Separately, the Japan Coast Guard reported record incursions near the Senkaku Islands."
    )
    doc = make_doc("story.txt", text, date(2031, 4, 3))
    facts = extract_document(doc, gazetteer)
    meetings = [f for f in facts if f.kind == "meeting"]
    # One fact per meeting: the ministers' talks, and the secretary's separate meeting with
    # the Joint Staff chief the same day (issue 11: a visit's meetings are not one fact).
    assert len(meetings) == 2, [f.title for f in meetings]
    m, other = sorted(meetings, key=lambda f: f.span[0])
    assert surnames(m.participants) == {"Sakaguchi", "Whitcombe"}
    assert m.date_start == "2031-04-02"
    assert len(m.sources) >= 2  # the follow-up sentence is cited too
    assert "cyber" in m.summary
    assert surnames(other.participants) == {"Whitcombe", "Morioka"}
    assert other.date_start == "2031-04-02"
    check_provenance(doc, facts)


def test_planned_meeting_of_a_named_dialogue_is_a_future_fact(gazetteer):
    text = (
        "The two governments held the Third Meeting of the Japan-U.S. Arctic Dialogue in Anchorage "
        "on February 10 and 11, 2031.\n\n"
        "Both sides concurred on holding the Fourth meeting of the Dialogue in Japan in 2032."
    )
    doc = make_doc("statement.txt", text, date(2031, 2, 11))
    facts = sorted(extract_document(doc, gazetteer), key=lambda f: f.date_start or "")
    meetings = [f for f in facts if f.kind == "meeting"]
    assert [(f.date_start, f.date_end) for f in meetings] == [
        ("2031-02-10", "2031-02-11"),
        ("2032-01-01", "2032-12-31"),
    ]
    assert "Arctic Dialogue" in meetings[0].title and meetings[0].location == "Anchorage"
    assert "Fourth" in meetings[1].title and "Arctic Dialogue" in meetings[1].title
    assert meetings[1].location == "Japan" and meetings[1].date_precision == "year"


# --------------------------------------------------------------------------- exercises


def test_exercise_plan_in_june_said_in_may_is_dated_this_june(gazetteer):
    text = (
        "Defense Minister Haruto Sakaguchi announced May 19 that the Japan Maritime Self-Defense Force "
        "will join the multinational exercise Coral Lance near Guam for the first time in June."
    )
    doc = make_doc("plan.txt", text, date(2031, 5, 20))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert len(facts) == 1
    f = facts[0]
    assert (f.date_start, f.date_end, f.date_precision) == ("2031-06-01", "2031-06-30", "month")
    assert "Coral Lance" in f.title
    assert "Japan Maritime Self-Defense Force" in f.participants
    assert "Japan" in f.countries


def test_unnamed_exercise_with_ships_and_a_sea(gazetteer):
    text = (
        "On October 8, JMSDF destroyer JS Kongo and U.S. Navy destroyer USS Halsey held a "
        "bilateral exercise in the East China Sea, practicing air defense."
    )
    doc = make_doc("drill.txt", text, date(2031, 10, 9))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"]
    assert len(facts) == 1
    f = facts[0]
    assert f.date_start == "2031-10-08"
    assert {"JS Kongo", "USS Halsey"} <= set(f.participants)
    assert f.location == "East China Sea"


def test_generic_exercise_talk_without_a_date_is_not_a_fact(gazetteer):
    text = "The two countries are also having increasingly frequent exercises and training."
    doc = make_doc("opinion.txt", text, date(2031, 1, 5))
    assert [f for f in extract_document(doc, gazetteer) if f.kind == "exercise"] == []


# --------------------------------------------------------------------------- space


def test_space_agreement_takes_the_statement_date(gazetteer):
    text = (
        "Joint Statement on Space Cooperation\n\n"
        "Both sides welcomed the signing of an implementing arrangement under which Japan will provide "
        "a lunar communications satellite for NASA's crewed Moon missions by 2035."
    )
    doc = make_doc("joint.txt", text, date(2031, 8, 27))
    facts = [f for f in extract_document(doc, gazetteer) if f.kind == "space"]
    assert len(facts) == 1
    f = facts[0]
    assert (f.date_start, f.date_precision) == ("2031-08-27", "day")  # not 2035, the deadline
    assert "Japan" in f.countries


def test_two_dated_items_in_one_sentence_are_two_facts(gazetteer):
    text = (
        "Both sides celebrated JAXA's HAYATE probe launch in 2030, and the upcoming launch of the "
        "KOGANE lunar rover, a JAXA mission, in 2033."
    )
    doc = make_doc("science.txt", text, date(2031, 8, 27))
    facts = sorted(
        (f for f in extract_document(doc, gazetteer) if f.kind == "space"),
        key=lambda f: f.date_start,
    )
    assert [f.date_start[:4] for f in facts] == ["2030", "2033"]
    assert "KOGANE" in facts[1].summary


# --------------------------------------------------------------------------- furniture, merging, ids


def test_furniture_never_yields_facts(gazetteer):
    text = (
        "Related stories\n\n"
        "On May 3, Defense Minister Haruto Sakaguchi met visiting Defense Secretary Daniel Whitcombe "
        "in Tokyo to discuss regional deterrence.\n\n"
        "The weather in Tokyo was mild."
    )
    doc = make_doc("page.txt", text, date(2031, 5, 4), furniture=(0, 1))
    assert extract_document(doc, gazetteer) == []
    doc2 = make_doc("page.txt", text, date(2031, 5, 4), furniture=(0,))
    assert len(extract_document(doc2, gazetteer)) == 1  # the same text as body is a fact


def test_same_event_in_two_documents_is_one_fact_with_two_sources(gazetteer):
    a = make_doc(
        "a.txt",
        "Defense Minister Haruto Sakaguchi met visiting Defense Secretary Daniel Whitcombe in Tokyo on "
        "May 3 to discuss regional deterrence.",
        date(2031, 5, 4),
    )
    b = make_doc(
        "b.txt",
        "Visiting Tokyo on May 3, Secretary Whitcombe held talks with Minister Sakaguchi on the alliance.\n\n"
        "On May 5, Whitcombe traveled north and met Prime Minister Aiko Tanabe in Sapporo for talks on energy.",
        date(2031, 5, 6),
    )
    fa, fb = extract_document(a, gazetteer), extract_document(b, gazetteer)
    merged = merge_facts(fa + fb)
    same = [f for f in merged if f.date_start == "2031-05-03"]
    assert len(same) == 1
    assert {s.doc_id for s in same[0].sources} == {"a.txt", "b.txt"}
    assert {"Sakaguchi", "Whitcombe"} <= surnames(same[0].participants)
    assert any(f.date_start == "2031-05-05" for f in merged)  # a different day stays apart
    assert merge_facts(fb + fa) == merged  # order of documents does not matter


def test_ids_are_stable_and_unaffected_by_unrelated_documents(gazetteer):
    text = (
        "On March 3, Foreign Minister Haruto Sakaguchi met visiting Defense Secretary Daniel Whitcombe "
        "in Osaka to discuss regional deterrence.\n\n"
        "The JGSDF and U.S. Army plan to hold the Rising Thunder exercise in Hokkaido in September this year."
    )
    first = extract_document(make_doc("x.txt", text, date(2031, 3, 4)), gazetteer)
    again = extract_document(make_doc("x.txt", text, date(2031, 3, 4)), gazetteer)
    assert [f.id for f in first] == [f.id for f in again]
    assert len({f.id for f in first}) == len(first) == 2
    assert all(re.fullmatch(r"[mes]-[0-9a-f]{10}", f.id) for f in first)
    other = extract_document(
        make_doc(
            "y.txt",
            "On June 9, Prime Minister Aiko Tanabe met with visiting President Lena Ortiz "
            "in Paris to discuss trade.",
            date(2031, 6, 10),
        ),
        gazetteer,
    )
    merged = merge_facts(first + other)
    assert {f.id for f in first} <= {f.id for f in merged}
    # The same text at another offset (a prepended paragraph) keeps its ids.
    shifted = extract_document(
        make_doc("x.txt", "Alliance Weekly\n\n" + text, date(2031, 3, 4)), gazetteer
    )
    assert [f.id for f in shifted] == [f.id for f in first]


def test_search_names_carry_aliases_for_queries(gazetteer):
    text = (
        "On July 12, the JASDF and U.S. Air Force held a bilateral exercise over the Sea of Japan."
    )
    doc = make_doc("air.txt", text, date(2031, 7, 13))
    facts = extract_document(doc, gazetteer)
    assert len(facts) == 1
    names = search_names(facts[0], gazetteer)
    assert "JASDF" in names and "Japan Air Self-Defense Force" in names


def test_a_leader_named_only_by_post_is_resolved_by_the_documents_year(gazetteer):
    # (the other side is American: with an Italian senator, whose title names Italy, the
    # talks would be Japan's own diplomacy, not the alliance's)
    text = (
        "Europe trip\n\n"
        "On October 5, the Japanese prime minister met in Rome with President of the American "
        "Chamber of Commerce Lorenzo Bellucci to discuss maritime security."
    )
    doc = make_doc("trip.txt", text, date(2022, 10, 9))
    meetings = [f for f in extract_document(doc, gazetteer) if f.kind == "meeting"]
    assert len(meetings) == 1
    assert "Fumio Kishida" in meetings[0].participants
    assert "Kishida" in meetings[0].title
    check_provenance(doc, meetings)


def test_a_post_held_by_two_people_that_year_names_nobody(gazetteer):
    # Kishida handed over to Ishiba in October 2024: "the Japanese prime minister" is ambiguous.
    text = (
        "Europe trip\n\n"
        "On March 5, the Japanese prime minister met in Rome with President of the Italian "
        "Senate Lorenzo Bellucci to discuss maritime security."
    )
    doc = make_doc("trip.txt", text, date(2024, 3, 9))
    facts = extract_document(doc, gazetteer)
    assert all("Kishida" not in f.participants and "Shigeru Ishiba" not in f.participants for f in facts)
