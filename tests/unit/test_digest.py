"""The weekly digest as a reader sees it: which facts land in which week, and /digest's input."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.config import DigestChannel
from bot.digest.build import NewDocument, build_digest, digest_json, last_complete_week
from bot.kb.model import Fact, Period
from bot.kb.store import fact_to_row
from commands import digest as digest_command
from commands.errors import UsageError
from tests.context import ctx

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


def make_fact(fid, kind, title, start, end=None, precision="day", doc_id="doc-a.txt"):
    return Fact(
        id=fid, kind=kind, title=title, summary=f"{title} summary", date_start=start,
        date_end=end, date_precision=precision, participants=[], countries=["Japan", "United States"],
        location=None, doc_id=doc_id, doc_title="A document", quote=f"{title} quote", span=[0, 10],
    )


def add(db, *facts):
    db["facts"].insert_all([fact_to_row(f) for f in facts])


def add_document(db, doc_id, loaded_at, title="A document"):
    db["documents"].insert({"id": doc_id, "path": doc_id, "title": title, "date": "2024-05-01",
                            "date_inferred": 0, "loaded_at": loaded_at, "text": "text"})


def section_titles(result):
    return {s.kind: [f.title for f in s.items] for s in result.sections}


# -- weeks -------------------------------------------------------------------------------

@pytest.mark.parametrize("day, monday, sunday", [
    (date(2024, 5, 27), date(2024, 5, 27), date(2024, 6, 2)),  # a Monday
    (date(2024, 5, 29), date(2024, 5, 27), date(2024, 6, 2)),
    (date(2024, 6, 2), date(2024, 5, 27), date(2024, 6, 2)),  # a Sunday
    (date(2025, 1, 1), date(2024, 12, 30), date(2025, 1, 5)),  # across a year end
])
def test_week_bounds(day, monday, sunday):
    assert Period.week(day).bounds == (monday, sunday)


@pytest.mark.parametrize("now, tz, expected", [
    # Monday 09:00 in Tokyo: the week that ended last night
    (datetime(2024, 6, 3, 9, 0, tzinfo=TOKYO), TOKYO, date(2024, 5, 27)),
    # Sunday evening: this week is not over yet, so the one before it
    (datetime(2024, 6, 2, 23, 59, tzinfo=TOKYO), TOKYO, date(2024, 5, 20)),
    # Sunday 23:30 UTC is already Monday in Tokyo
    (datetime(2024, 6, 2, 23, 30, tzinfo=UTC), TOKYO, date(2024, 5, 27)),
    # ... but still Sunday in New York
    (datetime(2024, 6, 2, 23, 30, tzinfo=UTC), NEW_YORK, date(2024, 5, 20)),
])
def test_last_complete_week_in_the_configured_time_zone(now, tz, expected):
    assert last_complete_week(now, tz) == expected


# -- which facts land in a week ------------------------------------------------------------

def test_day_facts_are_in_every_week_their_dates_touch(db):
    add(db,
        make_fact("m1", "meeting", "Tokyo talks", "2024-05-29"),
        make_fact("e1", "exercise", "Long drill", "2024-05-24", "2024-05-28"),  # Fri..Tue
        make_fact("m2", "meeting", "Earlier talks", "2024-05-20"),
        make_fact("s1", "space", "Launch", "2024-06-02"))
    result = build_digest(db, date(2024, 5, 29), tz=TOKYO)
    assert section_titles(result) == {"meeting": ["Tokyo talks"], "exercise": ["Long drill"],
                                      "space": ["Launch"]}
    assert result.week_start == "2024-05-27" and result.week_end == "2024-06-02"
    assert "Long drill" in section_titles(build_digest(db, date(2024, 5, 20), tz=TOKYO))["exercise"]
    assert result.message is None


def test_sections_come_in_a_fixed_order_and_empty_ones_are_left_out(db):
    add(db,
        make_fact("s1", "space", "Satellite deal", "2024-05-28"),
        make_fact("m1", "meeting", "B talks", "2024-05-30"),
        make_fact("m2", "meeting", "A talks", "2024-05-28"))
    result = build_digest(db, date(2024, 5, 27), tz=TOKYO)
    assert [(s.kind, s.title) for s in result.sections] == [
        ("meeting", "Meetings"), ("space", "Space")]
    assert section_titles(result)["meeting"] == ["A talks", "B talks"]  # by date
    assert [f.id for f in result.items] == ["m2", "m1", "s1"] and len(result.items) == 3


@pytest.mark.parametrize("start, precision, in_week_of, upcoming_in_week_of", [
    # June 2024 starts on a Saturday: its first mostly-June week is the week of 3 June
    ("2024-06", "month", date(2024, 6, 3), date(2024, 5, 27)),
    ("2024-06-01", "month", date(2024, 6, 3), date(2024, 5, 27)),
    # September 2023 starts on a Friday
    ("2023-09", "month", date(2023, 9, 4), date(2023, 8, 28)),
    # February 2024 starts on a Thursday: that week is mostly February
    ("2024-02", "month", date(2024, 1, 29), date(2024, 1, 22)),
    # a year-precision fact belongs to ISO week 1 of its year only
    ("2026", "year", date(2025, 12, 29), date(2025, 12, 1)),
])
def test_month_and_year_facts_fall_in_exactly_one_week(db, start, precision, in_week_of, upcoming_in_week_of):
    add(db, make_fact("x1", "exercise", "Coarse plan", start, precision=precision))
    assert [f.id for f in build_digest(db, in_week_of, tz=TOKYO).items] == ["x1"]
    before = build_digest(db, upcoming_in_week_of, tz=TOKYO)
    assert before.items == [] and [f.id for f in before.upcoming] == ["x1"]
    for weeks_later in (1, 2, 3):
        later = date.fromordinal(in_week_of.toordinal() + 7 * weeks_later)
        assert build_digest(db, later, tz=TOKYO).items == []


def test_upcoming_lists_the_following_weeks_in_date_order_and_no_further(db):
    add(db,
        make_fact("u2", "meeting", "July summit", "2024-07-10"),
        make_fact("u1", "exercise", "June drill", "2024-06-05"),
        make_fact("far", "meeting", "Autumn talks", "2024-09-30"),
        make_fact("now", "meeting", "This week", "2024-05-30"),
        make_fact("past", "meeting", "Last month", "2024-04-30"))
    result = build_digest(db, date(2024, 5, 27), upcoming_weeks=8, tz=TOKYO)
    assert [f.id for f in result.upcoming] == ["u1", "u2"]
    wider = build_digest(db, date(2024, 5, 27), upcoming_weeks=20, tz=TOKYO)
    assert [f.id for f in wider.upcoming] == ["u1", "u2", "far"]


def test_facts_without_a_usable_date_are_left_out(db):
    add(db, make_fact("n1", "meeting", "Undated", None), make_fact("n2", "meeting", "Garbled", "sometime"))
    result = build_digest(db, date(2024, 5, 27), tz=TOKYO)
    assert result.items == [] and result.upcoming == []


def test_a_quiet_week_says_so(db):
    add(db, make_fact("m1", "meeting", "Tokyo talks", "2024-05-29"))
    result = build_digest(db, date(2026, 11, 18), tz=TOKYO)
    assert result.items == [] and result.sections == [] and result.upcoming == []
    assert result.message and "Quiet week" in result.message and "16–22 Nov 2026" in result.message


def test_a_quiet_week_with_plans_ahead_still_lists_them(db):
    add(db, make_fact("u1", "exercise", "June drill", "2024-06-05"))
    result = build_digest(db, date(2024, 5, 27), tz=TOKYO)
    assert result.items == [] and "Quiet week" in result.message
    assert "Nothing is planned" not in result.message
    assert [f.id for f in result.upcoming] == ["u1"]


def test_new_documents_are_those_loaded_during_the_week_in_the_digest_time_zone(db):
    add_document(db, "early.txt", "2024-05-26T16:00:00+00:00")  # Monday 01:00 in Tokyo: in
    add_document(db, "mid.txt", "2024-05-29T10:00:00+09:00", title="Mid-week memo")
    add_document(db, "late.txt", "2024-06-02T15:30:00+00:00")  # Monday 00:30 in Tokyo: next week
    add_document(db, "before.txt", "2024-05-26T14:00:00+00:00")  # Sunday 23:00 in Tokyo: before
    result = build_digest(db, date(2024, 5, 27), tz=TOKYO)
    docs = result.new_documents
    assert [d.doc_id for d in docs] == ["early.txt", "mid.txt"]
    assert docs[1] == NewDocument("mid.txt", "Mid-week memo", "2024-05-29T10:00:00+09:00")


def test_digest_json_has_exactly_the_documented_shape(db):
    add(db, make_fact("m1", "meeting", "Tokyo talks", "2024-05-29"),
        make_fact("u1", "exercise", "June drill", "2024-06", precision="month"))
    add_document(db, "mid.txt", "2024-05-29T10:00:00+09:00")
    data = digest_json(build_digest(db, date(2024, 5, 27), tz=TOKYO))
    assert set(data) == {"week_start", "week_end", "title", "channel", "headlines", "counts", "trend",
                         "sections", "upcoming", "new_documents", "message", "curation"}
    assert [h["id"] for h in data["headlines"]] == ["m1"] and data["counts"] == {"meeting": 1}
    assert set(data["headlines"][0]["significance"]) == {"documents", "seniority", "first", "multilateral",
                                                         "reasons"}
    assert set(data["trend"]) == {"counts", "previous_weeks", "average", "line", "comparison"}
    assert data["upcoming"][0]["how_far"] == "this month"  # June 2024, seen from Monday 3 June
    assert (data["week_start"], data["week_end"]) == ("2024-05-27", "2024-06-02")
    assert [set(s) for s in data["sections"]] == [{"kind", "title", "items"}]
    assert data["sections"][0]["items"][0] == make_fact("m1", "meeting", "Tokyo talks", "2024-05-29").to_json()
    assert [f["id"] for f in data["upcoming"]] == ["u1"]
    assert data["new_documents"][0]["doc_id"] == "mid.txt" and data["message"] is None


# -- the seeds -------------------------------------------------------------------------------

def test_seeded_week_of_27_may_2024_has_the_paparo_meeting_and_valiant_shield_ahead(seeded_db):
    result = build_digest(seeded_db, date(2024, 5, 27), tz=TOKYO)
    meetings = [f for s in result.sections if s.kind == "meeting" for f in s.items]
    paparo = [f for f in meetings if "paparo" in (f.title + f.summary + f.quote + " ".join(f.participants)).lower()]
    assert paparo and paparo[0].date_start.startswith("2024-05-29")
    upcoming = result.upcoming
    assert any("valiant shield" in (f.title + f.summary + f.quote).lower() for f in upcoming)


def test_seeded_week_of_27_may_2024_leads_with_the_kishida_paparo_meeting(seeded_db):
    digest = build_digest(seeded_db, date(2024, 5, 27), tz=TOKYO)
    assert 1 <= len(digest.headlines) <= 5
    lead = digest.headlines[0]
    assert {"Fumio Kishida", "Samuel Paparo"} <= set(lead.fact.participants)
    assert lead.fact.date_start.startswith("2024-05-29")
    assert "leader" in lead.significance.to_json()["seniority"]
    assert all(h.fact in digest.items for h in digest.headlines)
    assert digest.trend.line.startswith(f"{digest.counts['meeting']} meeting")


def test_seeded_digest_for_a_space_channel_has_only_space_items(seeded_db):
    space = DigestChannel("#space-watch", kinds=("space",))
    digest = build_digest(seeded_db, date(2024, 5, 27), tz=TOKYO, channel=space)
    assert digest.items and {f.kind for f in digest.items} == {"space"}
    assert {h.fact.kind for h in digest.headlines} == {"space"}
    assert all(f.kind == "space" for f in digest.upcoming)
    assert set(digest.trend.counts) == {"space"} and "space" in digest.title


def test_a_channel_query_keeps_the_facts_that_match_it_as_the_commands_do(db):
    add(db, make_fact("m1", "meeting", "Luzon corridor talks in Manila", "2024-05-21"),
        make_fact("m2", "meeting", "Tokyo talks", "2024-05-22"),
        make_fact("e1", "exercise", "Balikatan drill with the Philippines", "2024-05-23"))
    channel = DigestChannel("#philippines", query="manila", words=("manila",))
    assert [f.id for f in build_digest(db, date(2024, 5, 20), tz=TOKYO, channel=channel).items] == ["m1"]
    channel = DigestChannel("#philippines", query="philippines", words=("philippines",))
    assert [f.id for f in build_digest(db, date(2024, 5, 20), tz=TOKYO, channel=channel).items] == ["e1"]


def test_the_trend_counts_each_earlier_week_as_its_digest_would(db):
    add(db, make_fact("m1", "meeting", "Talks now", "2024-05-29"),
        make_fact("m2", "meeting", "Talks two weeks back", "2024-05-15"),
        make_fact("e1", "exercise", "Long drill", "2024-05-08", "2024-05-28"),  # four weeks
        make_fact("x1", "exercise", "Coarse plan", "2024-05", precision="month"))  # the week of 29 Apr
    trend = build_digest(db, date(2024, 5, 27), tz=TOKYO).trend
    assert trend.counts == {"meeting": 1, "exercise": 1, "space": 0}
    assert trend.previous["meeting"][:4] == [0, 1, 0, 0]
    assert trend.previous["exercise"][:4] == [1, 1, 1, 1]  # 20, 13, 6 May; then the month fact
    assert trend.line.startswith("1 meeting, 1 exercise: ")


def test_a_quiet_week_is_one_line_naming_what_comes_next(db):
    add(db, make_fact("u1", "exercise", "June drill", "2024-06-05"))
    digest = build_digest(db, date(2024, 5, 27), tz=TOKYO)
    assert "\n" not in digest.message and "Next: June drill (in 2 days)." in digest.message
    assert digest.headlines == [] and digest.trend is None


def test_seeded_week_of_16_november_2026_is_quiet(seeded_db):
    result = build_digest(seeded_db, date(2026, 11, 16), tz=TOKYO)
    assert result.items == [] and result.sections == []
    assert "Quiet week" in result.message


# -- /digest --------------------------------------------------------------------------------

NOW = datetime(2024, 6, 5, 12, 0, tzinfo=TOKYO)  # a Wednesday


@pytest.mark.parametrize("text, monday", [
    ("", "2024-05-27"),
    ("last", "2024-05-27"),
    ("last week", "2024-05-27"),
    ("this", "2024-06-03"),
    ("This Week", "2024-06-03"),
    ("next", "2024-06-10"),
    ("2024-05-29", "2024-05-27"),
    ("2024-06-02", "2024-05-27"),
    ("2024-W22", "2024-05-27"),
    ("2024w22", "2024-05-27"),
    ("2020-W53", "2020-12-28"),
])
def test_digest_command_parses_the_week(text, monday):
    query = digest_command.parse(text, now=NOW)
    assert query.options["week_start"] == monday
    assert query.since == monday and query.until == date.fromordinal(date.fromisoformat(monday).toordinal() + 6).isoformat()


@pytest.mark.parametrize("text", ["yesterday", "2024-02-30", "2024-W54", "2021-W53", "May 2024", "2024-5-3"])
def test_digest_command_rejects_what_is_not_a_week_with_a_hint(text):
    with pytest.raises(UsageError) as info:
        digest_command.parse(text, now=NOW)
    assert text in info.value.message and "/digest 2024-05-27" in info.value.hint


def test_digest_command_runs_the_digest_of_the_parsed_week(db):
    add(db, make_fact("m1", "meeting", "Tokyo talks", "2024-05-29"))
    result = digest_command.run(digest_command.parse("2024-W22", now=NOW), ctx(db))
    assert result.command == "digest" and [f.id for f in result.items] == ["m1"]
    assert result.digest.week_start == "2024-05-27"


def test_digest_typed_in_a_digest_channel_shows_that_channels_digest(db):
    from dataclasses import replace

    from bot.context import Context
    from tests.context import CONFIG

    add(db, make_fact("m1", "meeting", "Tokyo talks", "2024-05-29"),
        make_fact("s1", "space", "Lunar rover deal", "2024-05-30"))
    config = replace(CONFIG, digest=replace(CONFIG.digest, extra_channels=(
        DigestChannel("#space-watch", kinds=("space",)),)))
    query = digest_command.parse("2024-W22", now=NOW)
    here = Context(db, config).in_channel("C0SPACE01", "space-watch")
    assert [f.id for f in digest_command.run(query, here).items] == ["s1"]
    elsewhere = Context(db, config).in_channel("C0RANDOM1", "random")
    assert [f.id for f in digest_command.run(query, elsewhere).items] == ["m1", "s1"]


def test_digest_command_help_is_its_docstring():
    assert "/digest 2024-05-27" in digest_command.__doc__ and "last complete week" in digest_command.__doc__
