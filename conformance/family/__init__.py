"""The family's pages: each service's own page on its service-linked role, read for its facts.

Every AWS service with a service-linked role documents it on a page of one template
(permissions, creating, editing, deleting, supported Regions). ``reader`` finds those sections
in a copy of a page, ``facts`` reads what each section states, ``errata`` sets the page's facts
beside what AWS recorded, and ``fingerprints`` watches every page for changed wording.
"""
