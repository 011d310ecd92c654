"""allybot: US-Japan alliance documents in, facts out, answered in Slack."""

__version__ = "0.1.0"
