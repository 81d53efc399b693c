"""Placeholder until the events extractor lands: finds nothing."""


def extract(doc, facts):
    return None
