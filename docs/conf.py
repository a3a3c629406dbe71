"""Sphinx configuration of the living documentation.

The site renders the requirements catalogue, the feature files and the latest recorded run of
each backend (``build/results/<backend>/results.json``, written by ``make docs`` before the
build), and the peers' certificates that ``make peers`` stores (``docs/peers/<backend>/``).
Missing results are fine: the pages then say that no run has been recorded.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the package is normally installed; this covers a bare checkout
    sys.path.insert(0, str(ROOT))

from conformance.catalogue import load_catalogue  # noqa: E402

project = "Incident Manager service-linked role: conformance"
author = "slr-conformance contributors"
copyright = "slr-conformance contributors"
release = load_catalogue("incident-manager").spec_version
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "conformance.sphinxext",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# The service-linked-roles specification's pages are a site of their own (every-role/conf.py),
# built beside this one by `make docs`.
exclude_patterns = ["_build", "_generated", "every-role", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The extension: the specification the site shows, where its feature files and the recorded
# results are (relative to the repo).
slr_spec = "incident-manager"
slr_features_dir = "features/incident-manager"
slr_results = ["build/results/*/results.json"]
# Certificates submitted by implementations' authors: verified, then shown apart from the
# project's own runs (a file here never takes a built-in backend's place, whatever it says).
slr_submitted = ["submitted/*/results.json"]
# The peers' latest certificates, stored by `make peers`: shown beside the runs above, and as
# out of date (with the reason) once the specification has changed since they were made.
slr_peers = ["docs/peers/*/results.json"]
# A page per service of the family (its page's facts, errata and drift status), written at
# each build into docs/services/.
slr_services_dir = "services"
slr_backends = [
    "reference",
    "reference-server",
    "reference-eventual",
    "moto",
    "moto-server",
    "localstack",
    "endpoint",
    "aws",
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_title = "Incident Manager SLR conformance"
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": True,
    "top_of_page_buttons": [],
}
pygments_style = "sphinx"
pygments_dark_style = "monokai"
