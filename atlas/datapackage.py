"""The Frictionless Data Package descriptor and the data dictionary, both generated from the schema.

`python -m atlas datapackage` rewrites data/datapackage.json and data/README.md; a test fails when
the committed files drift from what the schema generates.
"""

from __future__ import annotations

import json
from pathlib import Path

from atlas import __version__
from atlas.schema import LIST_SEPARATOR, TABLES, Column, Table

_FRICTIONLESS_TYPES = {
    "id": "string",
    "string": "string",
    "text": "string",
    "list": "string",
    "url": "string",
    "date": "date",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
ATTRIBUTIONS = (
    {"title": "GeoNames (coordinates of places), CC BY 4.0", "path": "https://www.geonames.org/"},
    {"title": "Natural Earth (boundaries in data/geo), public domain", "path": "https://www.naturalearthdata.com/"},
)


def _field(col: Column) -> dict[str, object]:
    field: dict[str, object] = {"name": col.name, "type": _FRICTIONLESS_TYPES[col.kind], "description": col.description}
    if col.kind == "date":
        field["format"] = "%Y-%m-%d"
    if col.kind == "url":
        field["format"] = "uri"
    if col.kind == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    constraints: dict[str, object] = {}
    if col.required:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if col.minimum is not None:
        constraints["minimum"] = col.minimum
    if col.maximum is not None:
        constraints["maximum"] = col.maximum
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table) -> dict[str, object]:
    foreign_keys = [
        {"fields": c.name, "reference": {"resource": c.references.split(".")[0], "fields": c.references.split(".")[1]}}
        for c in table.columns
        if c.references and c.kind != "list"  # list cells are checked by `python -m atlas validate`
    ]
    schema: dict[str, object] = {
        "fields": [_field(c) for c in table.columns],
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": table.name,
        "path": table.file,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def build_descriptor() -> dict[str, object]:
    return {
        "name": "karabakh-atlas",
        "title": "Karabakh Atlas: sourced events of the Nagorno-Karabakh conflict, 1918-2026",
        "version": __version__,
        "licenses": [LICENSE],
        "sources": list(ATTRIBUTIONS),
        "resources": [_resource(t) for t in TABLES],
    }


def build_dictionary() -> str:
    lines = [
        "# Karabakh Atlas data dictionary",
        "",
        "Generated from `atlas/schema.py` by `python -m atlas datapackage`; do not edit by hand.",
        "",
        "All files are UTF-8 CSV with a header row. Dates are `YYYY-MM-DD`; an uncertain date is an",
        "interval from `date_start` to `date_end` with its `date_precision`. Multi-valued cells join their",
        f"values with `{LIST_SEPARATOR}`. Booleans are `true` or `false`. Empty means unknown.",
        "",
        "Licence: the dataset is under CC BY 4.0. Coordinates from GeoNames (CC BY 4.0);",
        "boundaries in `geo/` from Natural Earth (public domain), see `geo/SOURCES.md`.",
        "Check a folder with `python -m atlas validate DATA_DIR`.",
    ]
    for table in TABLES:
        lines += ["", f"## {table.file}", "", table.description, "", f"Primary key: `{table.primary_key}`.", ""]
        lines += ["| column | type | required | allowed values / reference | description |", "|---|---|---|---|---|"]
        for col in table.columns:
            allowed = ", ".join(col.enum) if col.enum else (f"→ {col.references}" if col.references else "")
            lines.append(
                f"| `{col.name}` | {col.kind} | {'yes' if col.required else ''} | {allowed} | {col.description} |"
            )
    return "\n".join(lines) + "\n"


def write_docs(folder: Path) -> list[Path]:
    descriptor_path, dictionary_path = folder / "datapackage.json", folder / "README.md"
    descriptor_path.write_text(json.dumps(build_descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    dictionary_path.write_text(build_dictionary(), encoding="utf-8")
    return [descriptor_path, dictionary_path]
