"""allybot over real HTTP, as Slack uses it: signed requests in, Web API calls out.

Each test plays one thing a user does in Slack and checks what they would see: the
answer in the right place (ephemeral, channel, thread), once, and never a traceback.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest

from bot.slack.serve import build_asgi
from tests.context import ctx
from tests.e2e.conftest import DOCUMENTS, FACTS
from tests.e2e.slackhttp import (
    CHANNEL,
    SIGNING_SECRET,
    Served,
    block_action,
    blocks_text,
    mention,
    message_shortcut,
)


def _event_id() -> str:
    return "Ev" + uuid.uuid4().hex[:10].upper()


def _fact(fact_id: str):
    return next(f for f in FACTS if f.id == fact_id)


# -- slash commands -------------------------------------------------------------------------


def test_slash_command_is_acknowledged_and_answered_privately(served, slack):
    reply = served.command("/meetings", "paparo", slack.response_url("meetings"))
    assert reply.status == 200
    assert "Traceback" not in reply.body

    [answer] = slack.wait_for("response_url")
    assert answer.path.endswith("/meetings")
    assert answer.params.get("response_type") == "ephemeral"
    text = blocks_text(answer.params)
    paparo = _fact("f-paparo")
    assert paparo.title in text
    # The Paparo meeting comes before any other meeting the answer lists.
    others = [text.find(f.title) for f in FACTS if f.id != paparo.id and f.title in text]
    assert all(text.find(paparo.title) < i for i in others)


def test_usage_error_is_an_ephemeral_hint_in_the_acknowledgement(served, slack):
    reply = served.command("/meetings", "since:2024-13", slack.response_url("bad"))
    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    assert "2024-13" in blocks_text(body) or "since" in blocks_text(body)
    # Nothing else follows: the hint was the whole answer.
    assert slack.calls_to("response_url") == []


def test_an_unexpected_failure_is_an_apology_with_a_reference(served, slack, kb, caplog):
    # A damaged knowledge base (the facts table is gone) makes every search fail.
    kb.conn.execute("DROP TABLE facts_fts")
    kb.conn.execute("DROP TABLE facts")
    kb.conn.commit()

    reply = served.command("/meetings", "paparo", slack.response_url("broken"))
    assert reply.status == 200
    [answer] = slack.wait_for("response_url")
    text = blocks_text(answer.params)
    assert "Traceback" not in text and "sqlite" not in text.lower()
    assert "no such table" not in text
    refs = [r.getMessage().split("ref=")[1].split()[0] for r in caplog.records
            if "ref=" in r.getMessage()]
    assert refs, "the failure must be logged with its reference id"
    assert refs[-1] in text


# -- thread lookups --------------------------------------------------------------------------


def test_mention_in_a_thread_replies_in_that_thread_with_a_cited_passage(served, slack):
    thread = "1717000000.000100"
    reply = served.event(mention("who met Kishida in Tokyo?", ts="1717000050.000200",
                                 thread_ts=thread), _event_id())
    assert reply.status == 200

    [post] = slack.wait_for("chat.postMessage")
    assert post.params["channel"] == CHANNEL
    assert post.params["thread_ts"] == thread
    text = blocks_text(post.params)
    assert "Paparo" in text
    assert DOCUMENTS[0]["title"] in text  # the citation names the document


def test_empty_mention_in_a_thread_looks_up_the_threads_first_message(served, slack):
    thread = "1717000100.000100"
    slack.set_replies(CHANNEL, thread, [
        {"type": "message", "user": "U0OTHER", "ts": thread,
         "text": "Did the allies train with rocket artillery in <https://example.org|Kumamoto>?"},
        {"type": "message", "user": "U0ANALYST", "ts": "1717000150.000200",
         "thread_ts": thread, "text": "<@UALLYBOT>"},
    ])
    served.event(mention("", ts="1717000150.000200", thread_ts=thread), _event_id())

    [post] = slack.wait_for("chat.postMessage")
    [replies] = slack.calls_to("conversations.replies")
    assert replies.params["ts"] == thread
    assert post.params["thread_ts"] == thread
    assert "Orient Shield" in blocks_text(post.params)


def test_a_redelivered_event_is_answered_once_even_across_a_restart(served, slack, settings, kb):
    event_id = _event_id()
    event = mention("Orient Shield", ts="1717000200.000100")
    for retry in (None, 1, 2):
        assert served.event(event, event_id, retry=retry).status == 200
    slack.wait_for("chat.postMessage")

    # A new process (new app, same database) gets Slack's last retry.
    with Served(build_asgi(ctx(kb, settings=settings))) as restarted:
        assert restarted.event(event, event_id, retry=3).status == 200
        # A different event afterwards proves the restarted app does answer events.
        restarted.event(mention("Orient Shield", ts="1717000300.000100"), _event_id())
        posts = slack.wait_for("chat.postMessage", count=2)
    assert [p.params["thread_ts"] for p in posts] == ["1717000200.000100", "1717000300.000100"]


def test_a_rate_limited_post_is_retried_after_retry_after_and_arrives_once(served, slack):
    slack.fail("chat.postMessage", status=429, retry_after=1)
    served.event(mention("Orient Shield", ts="1717000400.000100"), _event_id())

    [post] = slack.wait_for("chat.postMessage")
    attempts = slack.calls_to("chat.postMessage", ok_only=False)
    assert [a.status for a in attempts] == [429, 200]
    assert post.params["thread_ts"] == "1717000400.000100"


# -- the message shortcut ---------------------------------------------------------------------


def test_find_sources_on_a_root_message_replies_in_a_thread_under_it(served, slack):
    ts = "1717000500.000100"
    reply = served.interact(message_shortcut("Paparo met Kishida in Tokyo", ts,
                                             slack.response_url("sc1")))
    assert reply.status == 200
    [post] = slack.wait_for("chat.postMessage")
    assert post.params["thread_ts"] == ts
    assert "Paparo" in blocks_text(post.params)
    assert slack.calls_to("response_url") == []


def test_find_sources_on_a_threaded_reply_answers_privately_and_says_why(served, slack):
    ts, root = "1717000600.000200", "1717000600.000100"
    served.interact(message_shortcut("Orient Shield rocket artillery", ts,
                                     slack.response_url("sc2"), thread_ts=root))
    [answer] = slack.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    text = blocks_text(answer.params)
    assert "Orient Shield" in text
    assert "thread" in text.lower()
    assert slack.calls_to("chat.postMessage") == []


# -- buttons -----------------------------------------------------------------------------------


def test_share_posts_the_result_in_the_channel_without_buttons(served, slack):
    value = json.dumps({"command": "meetings", "text": "paparo", "page": 1})
    served.interact(block_action("share", value, slack.response_url("share"), ephemeral=True))

    [post] = slack.wait_for("chat.postMessage")
    assert post.params["channel"] == CHANNEL
    assert "thread_ts" not in post.params
    assert _fact("f-paparo").title in blocks_text(post.params)
    blocks = post.params["blocks"]
    assert not [b for b in blocks if b.get("type") == "actions"]


def test_show_source_answers_in_the_thread_of_a_channel_message(served, slack):
    message_ts = "1717000700.000100"
    served.interact(block_action("show_source", "f-shield", slack.response_url("src"),
                                 message_ts=message_ts))
    [post] = slack.wait_for("chat.postMessage")
    assert post.params["thread_ts"] == message_ts
    text = blocks_text(post.params)
    assert _fact("f-shield").doc_title in text
    assert "Kumamoto" in text


def test_show_source_on_a_private_answer_stays_private(served, slack):
    served.interact(block_action("show_source", "f-paparo", slack.response_url("src2"),
                                 ephemeral=True))
    [answer] = slack.wait_for("response_url")
    assert answer.params.get("response_type") == "ephemeral"
    assert answer.params.get("replace_original") in (False, "false", None)
    assert _fact("f-paparo").doc_title in blocks_text(answer.params)
    assert slack.calls_to("chat.postMessage") == []


def test_show_source_of_a_fact_gone_after_a_reload_says_so(served, slack):
    served.interact(block_action("show_source", "f-no-longer-there", slack.response_url("gone"),
                                 ephemeral=True))
    [answer] = slack.wait_for("response_url")
    assert "no longer" in blocks_text(answer.params)


def test_more_replaces_the_answer_with_the_next_page(served, slack, kb):
    from dataclasses import replace

    from bot.kb.store import fact_to_row
    from commands import meetings

    base = _fact("f-dialogue")
    extra = [replace(base, id=f"f-wg{i}", title=f"Working group meeting {i}",
                     date_start=f"2024-0{i}-10", date_end=f"2024-0{i}-10") for i in range(1, 9)]
    with kb.conn:
        for fact in extra:
            kb["facts"].insert(fact_to_row(fact, names="working group"))
    page1 = meetings.run(meetings.parse("working group"), ctx(kb))
    assert page1.total > len(page1.items)  # there is a next page to ask for

    value = json.dumps({"command": "meetings", "text": "working group", "page": 2})
    served.interact(block_action("more", value, slack.response_url("more"), ephemeral=True))
    [answer] = slack.wait_for("response_url")
    assert answer.params.get("replace_original") in (True, "true")
    text = blocks_text(answer.params)
    shown = [f.title for f in extra if f.title in text]
    assert shown, "page 2 lists meetings"
    assert not {f.title for f in page1.items} & set(shown), "page 2 repeats none of page 1"


def test_share_where_allybot_is_not_a_member_explains_how_to_invite_it(served, slack):
    slack.fail("chat.postMessage", status=200, error="not_in_channel", retry_after=None)
    value = json.dumps({"command": "meetings", "text": "paparo", "page": 1})
    served.interact(block_action("share", value, slack.response_url("share"), ephemeral=True))
    [answer] = slack.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    assert "/invite" in blocks_text(answer.params)


# -- signatures, url_verification, health -------------------------------------------------------


@pytest.mark.parametrize("tamper", ["forged", "body", "old", "secret"])
def test_requests_not_signed_by_slack_are_rejected(served, slack, tamper):
    from tests.e2e.slackhttp import FORM, command_body

    body = command_body("/meetings", "paparo", slack.response_url("x"))
    now = int(time.time())
    if tamper == "forged":
        reply = served.post(body, FORM, signature="v0=" + "0" * 64)
    elif tamper == "body":
        from slack_sdk.signature import SignatureVerifier

        sig = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=str(now), body=body)
        reply = served.post(body.replace("paparo", "kishida"), FORM, timestamp=now, signature=sig)
    elif tamper == "old":
        reply = served.post(body, FORM, timestamp=now - 600)
    else:
        reply = served.post(body, FORM, secret="not-the-signing-secret")
    assert reply.status == 401
    assert slack.calls_to("response_url") == []


def test_url_verification_is_answered_with_the_challenge(served):
    body = json.dumps({"token": "x", "challenge": "c-3f9a", "type": "url_verification"})
    reply = served.post(body, "application/json")
    assert reply.status == 200
    assert "c-3f9a" in reply.body


def test_healthz_reports_what_is_loaded(served):
    reply = served.get("/healthz")
    assert reply.status == 200
    assert reply.json() == {"ok": True, "facts": len(FACTS), "documents": len(DOCUMENTS)}


def test_healthz_reports_a_broken_database_as_unhealthy(served, kb):
    kb.conn.execute("DROP TABLE documents")
    kb.conn.commit()
    reply = served.get("/healthz")
    assert reply.status == 503
    assert reply.json()["ok"] is False


def test_post_digest_button_posts_the_weeks_digest_once(served, slack):
    from tests.context import CONFIG

    channel = CONFIG.digest.channel
    week = _fact("f-paparo").date_start  # any day of the week: the digest covers its week
    for n in (1, 2):
        served.interact(block_action("digest_post", week, slack.response_url(f"d{n}"),
                                     ephemeral=True))
        slack.wait_for("response_url", count=n)
    posts = [c for c in slack.calls_to("chat.postMessage") if not c.params.get("thread_ts")]
    assert len(posts) == 1
    assert posts[0].params["channel"] == channel
    assert _fact("f-paparo").title in blocks_text(posts[0].params)
    first, second = (blocks_text(c.params) for c in slack.calls_to("response_url"))
    assert "Posted" in first and channel in first
    assert "already posted" in second


def test_digest_typed_in_a_channel_with_its_own_digest_shows_that_one(settings, kb, slack):
    """/digest in a space channel: only space items; the same week elsewhere has the meeting."""
    from dataclasses import replace

    from bot.config import DigestChannel
    from bot.slack.serve import build_asgi
    from tests.context import CONFIG, ctx

    week = _fact("f-dialogue").date_start  # 27 Aug 2024: the space dialogue's week
    space = replace(CONFIG, digest=replace(CONFIG.digest, extra_channels=(DigestChannel(CHANNEL, kinds=("space",)),)))
    for config, name in ((space, "space"), (CONFIG, "all")):
        with Served(build_asgi(replace(ctx(kb, settings=settings), config=config))) as app:
            app.command("/digest", week, slack.response_url(name))
    answers = {c.path.rsplit("/", 1)[1]: c for c in slack.wait_for("response_url", count=2)}
    space_answer, all_answer = answers["space"], answers["all"]
    text = blocks_text(space_answer.params)
    assert space_answer.params.get("response_type") == "ephemeral"
    assert "Quiet week" in text and "space" in text  # the dialogue is a meeting, not a space item
    assert _fact("f-dialogue").title not in text
    assert _fact("f-dialogue").title in blocks_text(all_answer.params)


def test_post_to_channel_from_a_channel_with_its_own_digest_posts_that_one(settings, kb, slack):
    from dataclasses import replace

    from bot.config import DigestChannel
    from bot.slack.serve import build_asgi
    from tests.context import CONFIG, ctx

    meetings_only = DigestChannel(CHANNEL, kinds=("meeting",))
    config = replace(CONFIG, digest=replace(CONFIG.digest, extra_channels=(meetings_only,)))
    week = _fact("f-paparo").date_start
    with Served(build_asgi(replace(ctx(kb, settings=settings), config=config))) as app:
        app.interact(block_action("digest_post", week, slack.response_url("p"), ephemeral=True))
        slack.wait_for("response_url")
    [post] = [c for c in slack.calls_to("chat.postMessage") if not c.params.get("thread_ts")]
    assert post.params["channel"] == CHANNEL  # this channel's digest, not digest.channel's
    assert "meeting" in post.params["blocks"][0]["text"]["text"]
    assert "Posted" in blocks_text(slack.calls_to("response_url")[0].params)


def test_simultaneous_commands_each_get_their_own_answer(served, slack):
    from concurrent.futures import ThreadPoolExecutor

    asks = {f"m{i}": ("/meetings", "paparo", "f-paparo") if i % 2 else
            ("/exercises", "orient shield", "f-shield") for i in range(10)}
    with ThreadPoolExecutor(max_workers=10) as pool:
        replies = list(pool.map(lambda name: served.command(asks[name][0], asks[name][1],
                                                            slack.response_url(name)), asks))
    assert {r.status for r in replies} == {200}
    answers = {c.path.rsplit("/", 1)[1]: c for c in slack.wait_for("response_url", count=len(asks))}
    assert set(answers) == set(asks)
    for name, (_, _, fact_id) in asks.items():
        assert _fact(fact_id).title in blocks_text(answers[name].params), name


# -- on the real seeds ---------------------------------------------------------------------------


@pytest.fixture
def served_seeds(settings, seeded_db):
    with Served(build_asgi(ctx(seeded_db, settings=settings))) as app:
        yield app


def test_meetings_paparo_on_the_seeds_lists_the_paparo_meeting_first(served_seeds, slack,
                                                                     seeded_db):
    served_seeds.command("/meetings", "paparo", slack.response_url("seeds"))
    [answer] = slack.wait_for("response_url")
    sections = [b["text"]["text"] for b in answer.params["blocks"]
                if b.get("type") == "section" and b.get("accessory", {}).get("action_id") == "fact_menu"]
    assert sections, "the answer lists meetings"
    assert "Paparo" in sections[0]
    first_id = next(b["accessory"]["options"][0]["value"].partition(":")[2] for b in answer.params["blocks"]
                    if b.get("accessory", {}).get("action_id") == "fact_menu")
    assert seeded_db["facts"].get(first_id)["kind"] == "meeting"


def test_a_thread_question_on_the_seeds_cites_the_document(served_seeds, slack, seeded_db):
    thread = "1717001000.000100"
    served_seeds.event(mention("Paparo Tokyo", ts="1717001050.000100", thread_ts=thread),
                       _event_id())
    [post] = slack.wait_for("chat.postMessage")
    assert post.params["thread_ts"] == thread
    text = blocks_text(post.params)
    assert "Paparo" in text
    titles = [r["title"] for r in seeded_db["documents"].rows if r["title"]]
    assert any(t in text for t in titles), "the passage names its source document"

