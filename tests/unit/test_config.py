"""config/allybot.yaml is validated at start-up, and errors name the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli.main import main
from bot.config import CONFIG_DIR, ConfigError, load_config
from commands.digest import read_channel_queries


def test_shipped_config_loads():
    cfg = load_config()
    assert cfg.seeds.name == "seeds" and cfg.database.name == "allybot.db"
    assert cfg.digest.weekday in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert cfg.digest.tz.key == cfg.digest.timezone
    assert 0 <= cfg.digest.hour < 24


def write_config(tmp_path: Path, change) -> Path:
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    data = yaml.safe_load((folder / "allybot.yaml").read_text(encoding="utf-8"))
    change(data)
    (folder / "allybot.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


def set_key(path: str, value):
    def change(data):
        *parents, last = path.split(".")
        node = data
        for p in parents:
            node = node[p]
        node[last] = value

    return change


def drop_key(path: str):
    def change(data):
        *parents, last = path.split(".")
        node = data
        for p in parents:
            node = node[p]
        del node[last]

    return change


@pytest.mark.parametrize(
    "change, key, words",
    [
        (set_key("digest.timezone", "Asia/Tokio"), "digest.timezone", "unknown time zone"),
        (set_key("digest.time", "9am"), "digest.time", "HH:MM"),
        (set_key("digest.weekday", "someday"), "digest.weekday", "expected one of"),
        (set_key("digest.channel", "  "), "digest.channel", "must not be empty"),
        (set_key("digest.grace_hours", -1), "digest.grace_hours", "must not be negative"),
        (set_key("load.max_bytes", "lots"), "load.max_bytes", "expected int"),
        (set_key("load.extensions", ["txt"]), "load.extensions", "expected a list"),
        (set_key("search.page_size", 500), "search.page_size", "between 1 and 20"),
        (set_key("search.colour", "red"), "search.colour", "unknown setting"),
        (drop_key("database"), "database", "missing"),
        (set_key("digest.channels", {"#space": "space"}), "digest.channels", "expected a list"),
        (set_key("digest.channels", ["#space"]), "digest.channels[0]", "expected a mapping"),
        (set_key("digest.channels", [{"kinds": ["space"]}]), "digest.channels[0].channel", "missing"),
        (set_key("digest.channels", [{"channel": "#s", "kinds": ["rockets"]}]), "digest.channels[0].kinds",
         "unknown kind 'rockets'"),
        (set_key("digest.channels", [{"channel": "#s", "kinds": []}]), "digest.channels[0].kinds",
         "expected a list of kinds"),
        (set_key("digest.channels", [{"channel": "#s", "query": "since:2024-13"}]), "digest.channels[0].query",
         "no month 13"),
        (set_key("digest.channels", [{"channel": "#s", "query": "philippines 2024"}]), "digest.channels[0].query",
         "dates and pages come from the week"),
        (set_key("digest.channels", [{"channel": "#s", "topic": "x"}]), "digest.channels[0].topic",
         "unknown setting"),
        (set_key("digest.channels", [{"channel": "#a", "kinds": ["space"]}, {"channel": "a", "kinds": ["space"]}]),
         "digest.channels[1].channel", "already has a digest"),
    ],
)
def test_a_wrong_setting_names_file_and_key(tmp_path, change, key, words):
    folder = write_config(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        read_channel_queries(load_config(folder))  # what start-up runs
    assert err.value.key == key
    assert err.value.path.endswith("allybot.yaml")
    assert words in str(err.value) and key in str(err.value)


def test_unparseable_yaml_names_the_file(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "allybot.yaml").write_text("digest: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML") as err:
        load_config(folder)
    assert err.value.path.endswith("allybot.yaml")


def test_cli_stops_with_the_config_error_not_a_traceback(tmp_path, monkeypatch, capsys):
    folder = write_config(tmp_path, set_key("digest.timezone", "Mars/Olympus"))
    monkeypatch.setattr("bot.cli.main.load_config", lambda: load_config(folder))
    assert main(["load", "--db", str(tmp_path / "x.db"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "configuration error" in err and "digest.timezone" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "change, key, words",
    [
        (set_key("curation.curators", ["U0CURATOR", "ann"]), "curation.curators[1]", "Slack user id"),
        (set_key("curation.curators", "U0CURATOR"), "curation.curators", "list of Slack user ids"),
        (set_key("curation.review_channel", "review channel"), "curation.review_channel", "channel id"),
        (set_key("curation.reviewers", []), "curation.reviewers", "unknown setting"),
        (set_key("curation", ["U0CURATOR"]), "curation", "expected a mapping"),
    ],
)
def test_bad_curation_settings_name_the_key(tmp_path, change, key, words):
    with pytest.raises(ConfigError) as err:
        load_config(write_config(tmp_path, change))
    assert err.value.key == key and words in str(err.value)


@pytest.mark.parametrize("curation, curators, channel", [
    ({"curators": ["U0CURATOR", "W0GRID"], "review_channel": "C0REVIEW"}, ("U0CURATOR", "W0GRID"), "C0REVIEW"),
    ({"curators": [], "review_channel": "#allybot-review"}, (), "#allybot-review"),
    (None, (), ""),
])
def test_curation_settings(tmp_path, curation, curators, channel):
    cfg = load_config(write_config(tmp_path, set_key("curation", curation)))
    assert (cfg.curation.curators, cfg.curation.review_channel) == (curators, channel)
    assert cfg.curation.is_curator("U0CURATOR") == ("U0CURATOR" in curators)
    assert not cfg.curation.is_curator(None) and not cfg.curation.is_curator("")
def test_digest_channels_are_read_with_their_kinds_and_query(tmp_path):
    folder = write_config(tmp_path, set_key("digest.channels", [
        {"channel": "#space-watch", "kinds": ["space"]},
        {"channel": "C0PHIL0001", "kinds": ["meetings", "Exercise"], "query": '"Luzon corridor" philippines'},
    ]))
    digest = read_channel_queries(load_config(folder)).digest
    main, space, phil = digest.channels
    assert main.channel == digest.channel and not main.filtered
    assert (space.channel, space.kinds, space.words) == ("#space-watch", ("space",), ())
    assert phil.kinds == ("meeting", "exercise") and phil.words == ("Luzon corridor", "philippines")
    assert digest.for_channel("C0SOMEID", "space-watch") == space
    assert digest.for_channel("C0PHIL0001", "anything") == phil
    assert digest.for_channel("C0OTHER", "random") is None
