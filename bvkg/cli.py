"""`bvkg …`: one thin click group over library calls. No logic lives here."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from bvkg import settings


class _Group(click.Group):
    """Turns the library's expected errors into one clear line and exit status 1, not a traceback."""

    def invoke(self, ctx):
        from graph.build import BuildError
        from graph.store import QuerySyntaxError, StoreUnavailable

        try:
            return super().invoke(ctx)
        except (StoreUnavailable, QuerySyntaxError, BuildError) as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bvkg")
def main() -> None:
    """bvkg: the Best Value knowledge graph (build, serve, query, export)."""


@main.command()
@click.option("--corpus", "corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of .txt documents (default: setting CORPUS_DIR).")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the built graph lives (default: setting DATA_DIR).")
def build(corpus: Path | None, data: Path | None) -> None:
    """Ingest the corpus, consolidate, validate and switch the served graph atomically."""
    from graph.build import build as run_build

    result = run_build(corpus or Path(settings.get("CORPUS_DIR")), data or Path(settings.get("DATA_DIR")),
                       base=settings.get("BASE_IRI"), echo=lambda m: click.echo(m, err=True))
    click.echo(result.summary())
    if result.failures:
        click.echo("Failed documents:", err=True)
        for f in result.failures:
            click.echo(f"  {f}", err=True)
        sys.exit(1)


@main.command()
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--host", default=None, help="Default: setting HOST.")
@click.option("--port", type=int, default=None, help="Default: setting PORT.")
@click.option("--dev", is_flag=True, help="Flask's development server instead of waitress.")
def serve(data: Path | None, host: str | None, port: int | None, dev: bool) -> None:
    """Serve the SPARQL endpoint and the pages (waitress, a production WSGI server)."""
    from web.app import create_app

    overrides = {"DATA_DIR": str(data)} if data else {}
    app = create_app(overrides)
    app.extensions["bvkg"].query_pool(warm=True)
    host, port = host or settings.get("HOST"), port or settings.get("PORT")
    if dev:
        app.run(host=host, port=port)
    else:
        from waitress import serve as wserve
        click.echo(f"bvkg serving on http://{host}:{port}/", err=True)
        wserve(app, host=host, port=port, threads=8)


@main.command()
@click.argument("sparql")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "tsv", "ttl"]), default="csv")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None)
def query(sparql: str, fmt: str, data: Path | None) -> None:
    """Run SPARQL (text, or - for standard input) over the built graph."""
    from graph.store import open_store

    text = sys.stdin.read() if sparql == "-" else sparql
    store = open_store({"DATA_DIR": str(data)} if data else None)
    sys.stdout.buffer.write(store.serialize_query(text, fmt))


@main.command(name="export")
@click.argument("name")
@click.option("-o", "--output", default="-", help="File to write, or - for standard output.")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None)
def export_cmd(name: str, output: str, data: Path | None) -> None:
    """Write one export (role-holdings, people, board-memberships, direction-items, ttl, nq, …)."""
    from graph.exports import export, EXPORTS
    from graph.store import open_store

    if name not in EXPORTS:
        raise click.BadParameter(f"unknown export {name!r}; choose from {', '.join(sorted(EXPORTS))}")
    store = open_store({"DATA_DIR": str(data)} if data else None)
    if output == "-":
        export(name, store, sys.stdout.buffer)
    else:
        with open(output, "wb") as fh:
            export(name, store, fh)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "ttl"]), default="text")
def ingest(file: Path, fmt: str) -> None:
    """Print the facts found in one document, each with its quote."""
    from ingest.model import IngestError
    from ingest.pipeline import ingest_file
    from ingest.report import facts_as_text, facts_as_turtle

    try:
        facts = ingest_file(file)
    except IngestError as exc:
        raise click.ClickException(str(exc))
    out = facts_as_text(facts) if fmt == "text" else facts_as_turtle(facts, settings.get("BASE_IRI"))
    click.echo(out)


@main.command()
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None)
def validate(data: Path | None) -> None:
    """Check the built graph against the SHACL shapes; exit 1 naming each violation."""
    from graph.store import open_store
    from graph.validate import validate_store

    report = validate_store(open_store({"DATA_DIR": str(data)} if data else None))
    click.echo(report.text)
    sys.exit(0 if report.conforms else 1)


if __name__ == "__main__":
    main()
