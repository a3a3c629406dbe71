"""The Regions where Incident Manager is published, as botocore's endpoint data lists them.

A replication set may name only Regions where the service exists. The list changes with AWS,
so it is read from the installed botocore at run time rather than written into the project.
"""

from __future__ import annotations

import functools

import boto3

#: The endpoint prefix of Incident Manager in botocore's endpoint data.
SERVICE = "ssm-incidents"


@functools.cache
def incident_manager_regions(partition: str = "aws") -> frozenset[str]:
    """The Regions of ``partition`` where the ``ssm-incidents`` endpoint is published."""
    names = boto3.session.Session().get_available_regions(SERVICE, partition_name=partition)
    return frozenset(str(name) for name in names)


def is_published_region(region: str, partition: str = "aws") -> bool:
    """Whether ``region`` is one where Incident Manager is available."""
    return region in incident_manager_regions(partition)
