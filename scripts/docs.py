"""Regenerate the parts of docs/ that come from the code, or check they are current.

    python scripts/docs.py          # rewrite the generated blocks
    python scripts/docs.py --check  # exit 1 if any block is out of date (tests run this)

A generated block sits between ``<!-- generated:NAME -->`` and
``<!-- end:NAME -->``; everything outside the markers is written by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"


def tables_block() -> str:
    """Each table as the CSV writer, compare.db and its datasette metadata all read it (compare.report.tables)."""
    from compare.report.tables import TABLES, columns

    parts = []
    for table, spec in TABLES.items():
        parts.append(f"### `{table}.csv`\n")
        parts.append(f"{spec.description}\n")
        keys = ", ".join(f"`{k}`" for k in spec.key)
        refs = "; ".join(f"({', '.join(f'`{c}`' for c in r.columns)}) → `{r.table}`" for r in spec.references)
        search = f"; full-text index over `{spec.search}` (`{table}_fts`)" if spec.search else ""
        parts.append(f"In compare.db: table `{table}`, key ({keys})" + (f"; references {refs}" if refs else "")
                     + f"{search}.\n")
        parts.append("| column | dtype | SQL | meaning |\n|---|---|---|---|")
        parts.extend(f"| `{c.name}` | `{c.dtype}` | `{c.sql_type}` | {c.meaning} |" for c in columns(table))
        parts.append("")
    return "\n".join(parts)


def queries_block() -> str:
    """The canned queries of compare.db's datasette metadata, with their SQL."""
    from compare.report.datasette_metadata import QUERIES

    parts = []
    for query in QUERIES:
        parts.append(f"#### {query.title} (`{query.name}`)\n\n{query.description}\n")
        parts.append(f"```sql\n{query.sql}\n```\n")
    return "\n".join(parts)


def cli_block() -> str:
    from compare.cli import main

    runner = CliRunner()
    parts = []
    for name in [None, *sorted(main.commands)]:
        args = [name, "--help"] if name else ["--help"]
        result = runner.invoke(main, args, terminal_width=100, prog_name="compare")
        title = f"compare {name}" if name else "compare"
        parts.append(f"### `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


BLOCKS = {"tables": tables_block, "queries": queries_block, "cli": cli_block}


def render(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"<!-- generated:{name} -->\n{BLOCKS[name]()}\n<!-- end:{name} -->"

    return re.sub(r"<!-- generated:(\w+) -->.*?<!-- end:\1 -->", replace, text, flags=re.DOTALL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and stale:
        print("out of date: " + ", ".join(str(p.relative_to(REPO)) for p in stale) + " (run python scripts/docs.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
