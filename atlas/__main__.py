"""Command line: `python -m atlas validate [DATA_DIR]`, `stats`, `datapackage`, `versions` (same argument)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas import __version__
from atlas.datapackage import write_docs
from atlas.load import data_dir_from_env, load_dataset
from atlas.stats import format_stats
from atlas.stories import read_stories, validate_stories
from atlas.versions import write_manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m atlas", description="Check and summarise a Karabakh Atlas dataset."
    )
    parser.add_argument("command", choices=("validate", "stats", "datapackage", "versions"))
    parser.add_argument("data_dir", nargs="?", type=Path, help="dataset folder (default: $ATLAS_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    folder = args.data_dir or data_dir_from_env()
    if args.command == "versions":  # record this release's ids and row hashes (data/versions/<version>.json)
        print(f"wrote {write_manifest(folder, __version__)}")
        return 0
    if args.command == "datapackage":
        for path in write_docs(folder):
            print(f"wrote {path}")
        return 0
    dataset = load_dataset(folder)
    if args.command == "stats":
        print(format_stats(dataset))
        return 0
    stories, story_problems = read_stories(folder)
    problems = dataset.problems + story_problems + validate_stories(stories, dataset)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
