"""Executable specification of the Incident Manager service-linked role page.

The package holds the requirements catalogue, the domain driver the behave steps call,
the pluggable backends, the reference emulator and the reporting tools.
"""

__version__ = "0.1.0"
