"""Noticing when AWS changes the page, the managed policy or the API reference it cites.

The specification paraphrases one AWS page, judges one AWS managed policy and cites the IAM,
STS and Incident Manager API references through botocore's service models; all three can
change under it. This package compares a saved copy of the page with fingerprints of the
paragraphs the specification was written from (``page``), a copy of the managed policy with
the version it was written against (``policy``), and the installed botocore's models with
fingerprints of the operations the requirements cite (``api``), and names the statements and
requirements that a change touches, so that a reviewer knows what to read again.

* ``paragraphs``: a saved copy of the page (browser HTML or plain text) as paragraphs, and the
  fingerprint of a paragraph;
* ``page``: the recorded fingerprints, the comparison and what ``--accept`` records;
* ``policy``: the recorded policy, the copies it is compared with, the comparison;
* ``api``: the cited operations, their fingerprints in a botocore (installed, or a wheel's),
  the comparison;
* ``record``: the last check as JSON and Markdown (for the site), and the changelog entry;
* ``command``: the ``slr-conformance drift`` command itself.
"""
