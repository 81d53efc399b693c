"""Placeholder until the people extractor lands: finds nothing."""


def extract(doc, facts):
    return None
