"""Commands of the 'places' group: lookup, resolve, import-geonames, add, unresolved."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from watchfloor.cli._util import DEFAULT_DB, DbOpt, DebugOpt, console, report_errors
from watchfloor.places import (
    Gazetteer,
    PlaceContext,
    add_places,
    import_geonames,
    resolve_place,
)

GazetteerOpt = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Analyst gazetteer file (default: $WATCHFLOOR_GAZETTEER or "
        "~/.local/share/watchfloor/places.sqlite).",
        dir_okay=False,
    ),
]
CountryOpt = Annotated[
    str | None, typer.Option("--country", help="Country code or name: SY, Syria.")
]
Admin1Opt = Annotated[
    str | None, typer.Option("--admin1", help="Province (GeoNames admin1 name): Deir ez-Zor.")
]

places_app = typer.Typer(
    name="places",
    help="Look up, resolve and add places (gazetteer: GeoNames, CC BY 4.0).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@places_app.command("lookup")
def lookup_cmd(
    name: Annotated[str, typer.Argument(help="Place name as written.")],
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    limit: Annotated[int, typer.Option("--limit", help="Most candidates to show.")] = 10,
    gazetteer_path: GazetteerOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show ranked gazetteer candidates for a name, with scores and reasons.

    Example: watchfloor places lookup "Deir al-Zor" --country SY
    """
    with report_errors(debug):
        gazetteer = Gazetteer.open(gazetteer_path)
        cands = gazetteer.lookup(name, country=country, admin1=admin1, limit=limit)
    table = Table(title=f"Candidates for {escape(name)}")
    for column in ("score", "name", "country", "admin1", "lat", "lon", "id", "code", "why"):
        table.add_column(column)
    for cand in cands:
        table.add_row(
            f"{cand.score:.2f}", escape(cand.name), escape(cand.country),
            escape(cand.admin1 or ""), f"{cand.latitude:.5f}", f"{cand.longitude:.5f}",
            str(cand.geonames_id), cand.feature_code or "", escape("; ".join(cand.reasons)),
        )  # fmt: skip
    console.print(table if cands else "No candidates.")


@places_app.command("resolve")
def resolve_cmd(
    text: Annotated[str, typer.Argument(help='Place phrase: "14 km north of Al-Mayadeen".')],
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    gazetteer_path: GazetteerOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Resolve a place phrase (relative phrases too) to a point with its precision.

    Example: watchfloor places resolve "14 km north of Al-Mayadeen" --country Syria
    """
    with report_errors(debug):
        gazetteer = Gazetteer.open(gazetteer_path)
        place = resolve_place(
            text, gazetteer=gazetteer, context=PlaceContext(country=country, admin1=admin1)
        )
    table = Table(show_header=False)
    for label, value in (
        ("text", place.text),
        ("latitude", place.latitude),
        ("longitude", place.longitude),
        ("country", place.country),
        ("admin1", place.admin1),
        ("admin2", place.admin2),
        ("geonames_id", place.geonames_id),
        ("geo_precision", place.geo_precision),
        ("anchor", place.anchor),
        ("distance_km", place.distance_km),
        ("bearing", place.bearing),
        ("note", place.note),
    ):
        table.add_row(label, escape("" if value is None else str(value)))
    console.print(table)


@places_app.command("import-geonames")
def import_geonames_cmd(
    path: Annotated[Path, typer.Argument(help="GeoNames dump: SY.zip, SY.txt, allCountries.zip.")],
    gazetteer_path: GazetteerOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Add every record of a GeoNames country or allCountries dump (re-runnable).

    Example: watchfloor places import-geonames SY.zip
    """
    with report_errors(debug):
        result = import_geonames(path, db_path=gazetteer_path)
    console.print(f"{result.written:,} places written to {escape(result.db_path)}")


@places_app.command("add")
def add_cmd(
    path: Annotated[
        Path, typer.Argument(help="TSV: name, other spellings, lat, lon, country, admin1, note.")
    ],
    gazetteer_path: GazetteerOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Merge an analyst's own places; they win over GeoNames (re-runnable).

    Example: watchfloor places add my-places.tsv
    """
    with report_errors(debug):
        gazetteer = Gazetteer.open(gazetteer_path)
        try:
            result = add_places(path, gazetteer=gazetteer, db_path=gazetteer_path)
        finally:
            gazetteer.close()
    console.print(f"{result.written:,} analyst places written to {escape(result.db_path)}")


@places_app.command("unresolved")
def unresolved_cmd(db: DbOpt = DEFAULT_DB, debug: DebugOpt = False) -> None:
    """List place names that found no gazetteer match, with counts.

    Example: watchfloor places unresolved --db watch.db
    """
    from watchfloor.store import Store

    with report_errors(debug):
        with Store.open(db) as store:
            rows = store.unresolved_places()
    table = Table(title="Unresolved places")
    for column in ("location_text", "country", "events"):
        table.add_column(column)
    for text, country, count in rows:
        table.add_row(escape(text), escape(country or ""), str(count))
    console.print(table if rows else "No unresolved places.")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
    app.add_typer(places_app)
