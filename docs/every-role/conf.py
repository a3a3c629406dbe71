"""Sphinx configuration of the service-linked-roles specification's pages.

The same extension as the main site, given the second specification: its catalogue, its
feature files and its certificates (``build/results/service-linked-roles/<backend>/``, written
by ``make spec``, and LocalStack's, stored by ``make peers`` in
``docs/peers/service-linked-roles/localstack/``). ``make docs`` builds it into
``docs/_build/html/every-role/``, beside the main site, which links to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from conf import *  # noqa: E402, F403  (the main site's settings, then what differs)

from conformance.catalogue import load_catalogue  # noqa: E402

project = "IAM service-linked roles: conformance"
release = version = load_catalogue("service-linked-roles").spec_version
html_title = "IAM service-linked roles conformance"
html_static_path = [str(HERE.parent / "_static")]
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
slr_spec = "service-linked-roles"
slr_features_dir = "features/service-linked-roles"
slr_results = ["build/results/service-linked-roles/*/results.json"]
slr_submitted: list[str] = []
slr_peers = ["docs/peers/service-linked-roles/*/results.json"]
slr_root = str(HERE.parent.parent)
# The family's pages per service are the main site's (its services/ folder), not these.
slr_services_dir = ""
