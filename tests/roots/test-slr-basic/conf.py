"""A tiny site for the extension's tests: one feature file, two recorded runs."""

extensions = ["myst_parser", "conformance.sphinxext"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated"]
html_theme = "basic"

slr_root = "."
slr_features_dir = "features"
slr_results = ["results/*.json"]
slr_backends = ["reference", "moto", "aws"]
