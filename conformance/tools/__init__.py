"""Developer tools, not part of a run: benchmarks (``bench``) and the site check (``docs_check``).

``make bench`` runs ``python -m conformance.tools.bench``; ``make docs-check`` runs
``python -m conformance.tools.docs_check docs/_build/html``.
"""
