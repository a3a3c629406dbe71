"""Where the family's pages are kept for reading offline: the manifest of the sources folder.

The folder (``shared/sources/service-linked-roles/`` beside the repository, or any folder of
the same shape) holds each principal's page as published (``pages/``), the pages its topic
continues on (``extra_files``), and for some the copy of 2023 (``archive-2023/``), with the
live URL of each in ``manifest.json``. Nothing here is shipped: the facts read from the
pages are (``page-facts.toml``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import ConfigurationError
from conformance.family.reader import Page, read_page

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class PageSource:
    """One principal's page: its file, the files its topic continues in, its URL, its 2023 copy."""

    principal: str
    file: Path
    extra: tuple[Path, ...]
    url: str
    archive: Path | None

    def read(self) -> Page:
        return read_page(self.file, self.extra, self.url)

    def read_archive(self) -> Page | None:
        return read_page(self.archive, (), self.url) if self.archive else None


def page_sources(folder: Path) -> list[PageSource]:
    """Every page the folder's manifest lists, in the manifest's order."""
    path = folder / MANIFEST
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [
            PageSource(
                principal=entry["principal"],
                file=folder / entry["file"],
                extra=tuple(folder / more for more in entry.get("extra_files", [])),
                url=entry["url"],
                archive=folder / entry["archive_2023"]["file"]
                if entry.get("archive_2023")
                else None,
            )
            for entry in entries
        ]
    except OSError as exc:
        raise ConfigurationError(
            f"The folder {folder} has no readable {MANIFEST} ({exc.strerror or exc})."
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"The manifest {path} is not a list of pages ({exc}).") from None
