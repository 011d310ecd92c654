"""config/allybot.yaml is validated at start-up, and errors name the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli.main import main
from bot.config import CONFIG_DIR, ConfigError, load_config


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
    ],
)
def test_a_wrong_setting_names_file_and_key(tmp_path, change, key, words):
    folder = write_config(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        load_config(folder)
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
    import bot.config as config_module

    folder = write_config(tmp_path, set_key("digest.timezone", "Mars/Olympus"))
    monkeypatch.setattr(config_module, "get_config", lambda: load_config(folder))
    monkeypatch.setattr("bot.cli.main.get_config", lambda: load_config(folder))
    assert main(["load", "--db", str(tmp_path / "x.db"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "configuration error" in err and "digest.timezone" in err and "Traceback" not in err
