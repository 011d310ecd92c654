"""The `ingest:` settings and ALLYBOT_ALLOW_PRIVATE_URLS are validated, naming the key."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, IngestConfig, load_config
from bot.settings import Settings, SettingsError
from tests.unit.test_config import drop_key, set_key, write_config


def test_shipped_ingest_settings_refuse_private_urls_and_let_anyone_add():
    ingest = load_config().ingest
    assert ingest == IngestConfig("added", False, (), ())
    assert load_config().added_dir == load_config().seeds / "added"


def test_the_ingest_section_is_optional(tmp_path):
    assert load_config(write_config(tmp_path, drop_key("ingest"))).ingest == IngestConfig()


@pytest.mark.parametrize("change, key, words", [
    (set_key("ingest.allow_private_urls", "yes"), "ingest.allow_private_urls", "expected bool"),
    (set_key("ingest.allowed_users", "U123"), "ingest.allowed_users", "expected a list"),
    (set_key("ingest.allowed_channels", [""]), "ingest.allowed_channels", "expected a list"),
    (set_key("ingest.folder", "../elsewhere"), "ingest.folder", "inside the documents folder"),
    (set_key("ingest.folder", "/tmp/added"), "ingest.folder", "inside the documents folder"),
    (set_key("ingest.allow_privat_urls", True), "ingest.allow_privat_urls", "unknown setting"),
])
def test_bad_ingest_settings_name_the_key(tmp_path, change, key, words):
    with pytest.raises(ConfigError) as err:
        load_config(write_config(tmp_path, change))
    assert err.value.key == key and words in str(err.value)


def test_allowed_lists_are_read(tmp_path):
    folder = write_config(tmp_path, set_key("ingest.allowed_users", ["U0LIB", " U0BOSS "]))
    assert load_config(folder).ingest.allowed_users == ("U0LIB", "U0BOSS")


@pytest.mark.parametrize("value, allowed", [(None, False), ("0", False), ("1", True), ("true", True)])
def test_the_environment_can_allow_private_urls(value, allowed):
    env = {} if value is None else {"ALLYBOT_ALLOW_PRIVATE_URLS": value}
    assert Settings.from_env(env=env).allow_private_urls is allowed


def test_a_malformed_private_urls_variable_is_named():
    with pytest.raises(SettingsError, match="ALLYBOT_ALLOW_PRIVATE_URLS"):
        Settings.from_env(env={"ALLYBOT_ALLOW_PRIVATE_URLS": "maybe"})
