"""The NLP pipeline: spaCy components that find entities and relations in news text."""
