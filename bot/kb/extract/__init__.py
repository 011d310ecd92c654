"""Fact extraction: the detectors that turn a document's sentences into facts."""
