"""Placeholder until the themes extractor lands: finds nothing."""


def extract(doc, facts):
    return None
