"""A record of released dataset versions, so a permalink made with an older version can say what changed.

`python -m atlas versions` writes `data/versions/<version>.json`: for every table, each row's id and a short
hash of the row as the CSV file holds it. Opening a link with `v=<older version>` compares that record with
the data now served (ids added, removed, edited). `data/redirects.csv` (old_id,new_id,note) maps renamed ids
to their new ones, so an old link naming a renamed event still opens it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from atlas.schema import TABLES

VERSIONS_FOLDER = "versions"
REDIRECTS_FILE = "redirects.csv"
REDIRECT_COLUMNS = ("old_id", "new_id", "note")
VERSION_PATTERN = re.compile(r"\d{1,4}\.\d{1,4}\.\d{1,4}")  # also keeps a hand-edited `v=` out of other paths


def _row_hash(row: dict[str, str], columns: tuple[str, ...]) -> str:
    text = json.dumps([row.get(c) or "" for c in columns], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def row_hashes(folder: Path) -> dict[str, dict[str, str]]:
    """{table: {id: hash}} for the CSV files in `folder`, read as text (the hash follows the file, not the parse)."""
    record: dict[str, dict[str, str]] = {}
    for table in TABLES:
        path = folder / table.file
        if not path.is_file():
            continue
        columns = tuple(table.column_names)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.readline()
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
            rows = csv.DictReader(handle, delimiter=delimiter)
            record[table.name] = {
                row[table.primary_key]: _row_hash(row, columns) for row in rows if row.get(table.primary_key)
            }
    return record


def manifest_path(folder: Path, version: str) -> Path | None:
    return folder / VERSIONS_FOLDER / f"{version}.json" if VERSION_PATTERN.fullmatch(version) else None


def write_manifest(folder: Path, version: str) -> Path:
    path = manifest_path(folder, version)
    if path is None:
        raise ValueError(f"not a dataset version: {version!r}")
    path.parent.mkdir(exist_ok=True)
    payload = {"version": version, "tables": row_hashes(folder)}
    path.write_text(json.dumps(payload, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_manifest(folder: Path, version: str) -> dict[str, dict[str, str]] | None:
    """The recorded ids and hashes of a released version; None when the version is unknown or unreadable."""
    path = manifest_path(folder, version)
    if path is None or not path.is_file():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    tables = payload.get("tables") if isinstance(payload, dict) else None
    return tables if isinstance(tables, dict) else None


def known_versions(folder: Path) -> list[str]:
    names = (p.stem for p in (folder / VERSIONS_FOLDER).glob("*.json"))
    return sorted((n for n in names if VERSION_PATTERN.fullmatch(n)), key=lambda v: tuple(map(int, v.split("."))))


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited)


def changes_since(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> dict[str, Changes]:
    """Per table, the ids added, removed and edited between two records; tables without changes are left out."""
    result = {}
    for name in dict.fromkeys([*old, *new]):
        before, after = old.get(name, {}), new.get(name, {})
        changes = Changes(
            added=tuple(sorted(set(after) - set(before))),
            removed=tuple(sorted(set(before) - set(after))),
            edited=tuple(sorted(i for i in set(before) & set(after) if before[i] != after[i])),
        )
        if changes:
            result[name] = changes
    return result


def read_redirects(folder: Path) -> dict[str, str]:
    """old id -> new id from data/redirects.csv (missing file: no redirects; malformed rows are skipped)."""
    path = folder / REDIRECTS_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        return {
            (row.get("old_id") or "").strip(): (row.get("new_id") or "").strip()
            for row in rows
            if (row.get("old_id") or "").strip() and (row.get("new_id") or "").strip()
        }


def resolve(identifier: str, redirects: dict[str, str]) -> str:
    """The current id of a possibly renamed one, following chains of renames (a cycle stops where it repeats)."""
    seen = {identifier}
    while identifier in redirects and redirects[identifier] not in seen:
        identifier = redirects[identifier]
        seen.add(identifier)
    return identifier
