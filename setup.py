"""The build step that puts the specification inside the wheel; everything else is pyproject.toml.

The feature files (one folder a specification, ``features/<name>/``), the step modules and
behave's ``environment.py`` live at the top of the repository, where plain ``behave`` finds them. Users who certify an emulator install the wheel
and never see the repository, so ``build_py`` copies them into ``conformance/spec/`` of the
build (never into the source tree, so git holds one copy), where ``conformance.specfiles``
finds them. An editable install runs them from the checkout instead and copies nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: What behave needs to run the specifications: (source, pattern) pairs, copied as they are,
#: sub-folders included (``features/<specification>/``).
SPECIFICATION = (("features", "**/*.feature"), ("steps", "*.py"), (".", "environment.py"))


class BuildWithSpecification(build_py):
    """``build_py`` that also copies the specification into ``conformance/spec``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "conformance" / "spec"
        if target.exists():
            shutil.rmtree(target)
        copied = 0
        for folder, pattern in SPECIFICATION:
            source = HERE / folder
            for path in sorted(source.glob(pattern)):
                destination = target / folder / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
                copied += 1
        if not (target / "features").is_dir() or not (target / "steps").is_dir():
            raise SystemExit(
                f"The specification is missing from {HERE}: features/ and steps/ must be there."
            )
        print(f"copied {copied} specification files into {target}")  # noqa: T201


setup(cmdclass={"build_py": BuildWithSpecification})
