"""The Slack front end: Bolt listeners, the Block Kit renderer, the manifest and the server."""
