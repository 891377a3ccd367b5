#!/usr/bin/env python3
"""Rewrites the recipe results table in Markdown files, between the marker comments, each on a line of its own

    <!-- recipes-table:begin -->
    <!-- recipes-table:end -->

with the table `cnnlab recipes --markdown` prints from scripts/recipe-results.csv (the latest row of each
recipe, variant and seed that names its commit), followed by a line counting the older rows it leaves out.

    scripts/recipes-table.py docs/recipes.md README.md    rewrite the table in each file
    scripts/recipes-table.py --check docs/recipes.md      exit 1 if a file's table is out of date
    scripts/recipes-table.py --results FILE ...           read another results file

Needs the cnnlab CLI (scripts/cnnlab builds target/cnnlab.jar once when it is missing).
"""
import argparse
import csv
import pathlib
import re
import subprocess
import sys

BEGIN = "<!-- recipes-table:begin -->"
END = "<!-- recipes-table:end -->"
SCRIPTS = pathlib.Path(__file__).resolve().parent
REPO = SCRIPTS.parent


def older_rows(results: pathlib.Path) -> int:
    """Rows without a commit: written before rows named one, possibly with other recipe settings."""
    with results.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sum(1 for row in rows if not row.get("commit"))


def table(results: pathlib.Path) -> str:
    out = subprocess.run([str(SCRIPTS / "cnnlab"), "recipes", "--markdown", "--results", str(results)],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    older = older_rows(results)
    if older:
        out += (f"\n{older} older rows of `scripts/recipe-results.csv` name no commit: they come from builds from "
                "before rows named one, several with other recipe settings, and are kept there, not shown.\n")
    return out


def rewrite(text: str, body: str, name: str) -> str:
    # Markers count only on lines of their own, so prose may quote them.
    pattern = re.compile(r"^" + re.escape(BEGIN) + r"$.*?^" + re.escape(END) + r"$", re.DOTALL | re.MULTILINE)
    if len(pattern.findall(text)) != 1:
        raise ValueError(f"{name}: expected one {BEGIN} ... {END} pair, each marker on a line of its own")
    return pattern.sub(lambda _: f"{BEGIN}\n{body.rstrip()}\n{END}", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=pathlib.Path, help="Markdown files with the marker comments")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a table is out of date")
    parser.add_argument("--results", type=pathlib.Path, default=SCRIPTS / "recipe-results.csv",
                        help="results file (default: scripts/recipe-results.csv)")
    args = parser.parse_args()
    if not args.results.is_file():
        print(f"recipes-table: {args.results}: expected the recipe results CSV", file=sys.stderr)
        return 2
    body = table(args.results.resolve())
    stale = 0
    for path in args.files:
        if not path.is_file():
            print(f"recipes-table: {path}: expected an existing Markdown file", file=sys.stderr)
            return 2
        text = path.read_text(encoding="utf-8")
        try:
            new = rewrite(text, body, str(path))
        except ValueError as e:
            print(f"recipes-table: {e}", file=sys.stderr)
            return 2
        if new == text:
            continue
        if args.check:
            print(f"recipes-table: {path}: the table is out of date; run scripts/recipes-table.py {path}",
                  file=sys.stderr)
            stale += 1
        else:
            path.write_text(new, encoding="utf-8")
            print(f"recipes-table: {path}: table rewritten")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
