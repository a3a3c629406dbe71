"""A Sphinx extension that publishes the specification and its results as one site.

Add ``"conformance.sphinxext"`` to ``extensions``. It reads the requirements catalogue, the
feature files (through behave's parser) and the recorded ``results.json`` files once per
build, and offers these directives:

``slr-feature``
    one section of the AWS page: its requirements, evidence, verdicts and Gherkin examples;
``slr-matrix``
    requirements down, backends across, a verdict in every cell;
``slr-submitted``
    the submitted certificates, verified, in tables of their own beside the project's runs;
``slr-traceability``
    page statement, requirement, examples and verdict per backend;
``slr-include-optional``
    a generated report if a run produced it, else a short fallback text;
``slr-implementation``
    one run's page: its failures grouped by cause, each with a bug report (the pages are
    written at each build into ``slr_implementations_dir``, one per run shown);
``slr-glance``
    per run shown, a bar per section of the page: pass, partly checked, fail, skipped;
``slr-service`` and ``slr-family-errata``
    one service of the family (its page's facts, errata and drift status; the pages are
    written at each build into ``slr_services_dir``), and every erratum of the family.
``slr-service-map``
    per run shown, its outcomes by service and requirement (a specification per service).

Roles ``slr-req``, ``slr-statement``, ``slr-scenario``, ``slr-why`` and ``slr-implementation-page`` link to the places where those are
rendered. Config values: ``slr_spec`` (the specification the site shows, by name; its catalogue),
``slr_root``, ``slr_features_dir``, ``slr_results``, ``slr_backends``, ``slr_submitted``,
``slr_implementations_dir``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from conformance.sphinxext.data import setup_data
from conformance.sphinxext.family import setup_family
from conformance.sphinxext.feature import setup_feature
from conformance.sphinxext.glance import setup_glance
from conformance.sphinxext.implementations import setup_implementations
from conformance.sphinxext.include import setup_include
from conformance.sphinxext.matrix import setup_matrix
from conformance.sphinxext.parts import setup_parts
from conformance.sphinxext.servicemap import setup_service_map
from conformance.sphinxext.style import setup_style
from conformance.sphinxext.traceability import setup_traceability
from conformance.sphinxext.why import setup_why


def setup(app: Sphinx) -> dict[str, Any]:
    """Register config values, nodes, roles and directives."""
    setup_data(app)
    setup_parts(app)
    setup_why(app)
    setup_feature(app)
    setup_matrix(app)
    setup_traceability(app)
    setup_include(app)
    setup_implementations(app)
    setup_glance(app)
    setup_family(app)
    setup_service_map(app)
    setup_style(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
