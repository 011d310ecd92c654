"""The one place a Slack WebClient is built: the bot's token and API URL from the
settings, with the retries that make a lost answer less likely.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.settings import Settings


def web_client(settings: Settings) -> WebClient:
    """A WebClient that waits out rate limits (Retry-After) and retries transient failures.

    The default WebClient retries only connection errors; a 429 on chat.postMessage would
    otherwise lose the answer.
    """
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_base_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=1),
        ],
    )


def without_blind_resends(client):
    """The caller's client without blind resends of a message whose answer was lost.

    slack_sdk's ConnectionErrorRetryHandler resends after a reset connection, which may
    follow a delivered message; the digest outbox checks the channel history before
    resending instead. 429s are always safe to retry: a rate-limited message was not accepted.
    """
    if type(client) is not WebClient:
        return client
    handlers = [h for h in client.retry_handlers if not isinstance(h, ConnectionErrorRetryHandler)]
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in handlers):
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    copy = WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=dict(client.headers),
        logger=client.logger,
        retry_handlers=handlers,
    )
    copy.default_params = dict(client.default_params)
    return copy
