"""Documents -> facts with provenance. Never imports graph/ or web/."""
