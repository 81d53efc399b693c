"""Placeholder until the directions extractor lands: finds nothing."""


def extract(doc, facts):
    return None
