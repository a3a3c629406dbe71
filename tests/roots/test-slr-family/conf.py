"""A tiny site for the family's pages: the errata table and a page per service."""

extensions = ["myst_parser", "conformance.sphinxext"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "basic"

slr_root = "../test-slr-basic"
slr_features_dir = "features"
slr_results = []
slr_services_dir = "services"
