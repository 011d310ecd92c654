"""The knowledge layer: documents in, dated facts with provenance out; imports neither commands nor Slack."""
