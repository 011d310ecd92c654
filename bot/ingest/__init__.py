"""Documents to facts: reading, dating, naming and extracting, one stage a module."""
