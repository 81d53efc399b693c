"""Placeholder until the legislation extractor lands: finds nothing."""


def extract(doc, facts):
    return None
