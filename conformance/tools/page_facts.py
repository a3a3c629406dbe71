"""Write ``page-facts.toml`` from the pages: ``python -m conformance.tools.page_facts FOLDER``.

FOLDER is the sources folder of the family's pages (``shared/sources/service-linked-roles``,
with its ``manifest.json``). Every page is read for its facts; the overrides already in the
data file are kept and applied. The result is for review: read the difference before committing.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from conformance.errors import ConfigurationError
from conformance.family.data import (
    Override,
    PageFacts,
    overridden,
    page_facts_path,
    parse,
    render,
)
from conformance.family.facts import page_facts
from conformance.family.sources import page_sources


def read_all(folder: Path, overrides: Mapping[str, Mapping[str, Override]]) -> list[PageFacts]:
    """Every page of ``folder`` read, with the reviewed overrides applied."""
    pages = []
    for source in page_sources(folder):
        read = PageFacts(source.principal, source.url, page_facts(source.principal, source.read()))
        pages.append(overridden(read, overrides.get(source.principal, {})))
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m conformance.tools.page_facts SOURCES-FOLDER\n")
        return 2
    path = page_facts_path()
    try:
        overrides = parse(tomllib.loads(path.read_text("utf-8")))[1] if path.is_file() else {}
        text = render(read_all(Path(args[0]), overrides), overrides)
    except ConfigurationError as exc:
        sys.stderr.write(f"page_facts: {exc}\n")
        return 2
    path.write_text(text, encoding="utf-8")
    sys.stdout.write(f"Wrote {path}.\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
