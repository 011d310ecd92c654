"""Settings come from the environment and fail naming the variable a deployer must set."""

from __future__ import annotations

import pytest

from bot.settings import DEFAULT_API_BASE_URL, Settings, SettingsError

FULL = {
    "SLACK_BOT_TOKEN": "xoxb-1",
    "SLACK_SIGNING_SECRET": "secret",
    "SLACK_APP_TOKEN": "xapp-1",
}


@pytest.mark.parametrize(
    ("mode", "drop", "missing"),
    [
        ("http", "SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"),
        ("http", "SLACK_SIGNING_SECRET", "SLACK_SIGNING_SECRET"),
        ("socket", "SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"),
        ("socket", "SLACK_APP_TOKEN", "SLACK_APP_TOKEN"),
    ],
)
def test_a_missing_setting_is_named(mode, drop, missing):
    env = {k: v for k, v in FULL.items() if k != drop}
    with pytest.raises(SettingsError) as err:
        Settings.from_env(mode, env=env)
    assert err.value.variable == missing
    assert missing in str(err.value)


@pytest.mark.parametrize(("mode", "unneeded"), [("http", "SLACK_APP_TOKEN"), ("socket", "SLACK_SIGNING_SECRET")])
def test_each_mode_needs_only_its_own_secrets(mode, unneeded):
    env = {k: v for k, v in FULL.items() if k != unneeded}
    settings = Settings.from_env(mode, env=env)
    assert settings.bot_token == "xoxb-1"


def test_blank_counts_as_missing():
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        Settings.from_env("http", env={**FULL, "SLACK_SIGNING_SECRET": "  "})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, DEFAULT_API_BASE_URL),
        ("https://slack-gov.com/api/", "https://slack-gov.com/api/"),
        ("https://slack-gov.com/api", "https://slack-gov.com/api/"),  # WebClient needs the slash
        ("http://127.0.0.1:8080/api/", "http://127.0.0.1:8080/api/"),
    ],
)
def test_the_api_base_url_is_configurable(given, expected):
    env = dict(FULL, **({"SLACK_API_BASE_URL": given} if given else {}))
    assert Settings.from_env("http", env=env).api_base_url == expected


@pytest.mark.parametrize(("var", "value"), [("PORT", "eighty"), ("PORT", "70000"), ("PORT", "0"),
                                            ("SLACK_API_BASE_URL", "slack.com/api")])
def test_malformed_values_are_named(var, value):
    with pytest.raises(SettingsError) as err:
        Settings.from_env("http", env={**FULL, var: value})
    assert err.value.variable == var


def test_port_is_read_when_set():
    assert Settings.from_env("http", env={**FULL, "PORT": "8080"}).port == 8080
    assert Settings.from_env("http", env=FULL).port is None
