"""The domain driver the behave steps call: AWS calls, waiting and cleanup live here."""

from conformance.driver.session import Timeouts
from conformance.driver.world import IncidentManager

__all__ = ["IncidentManager", "Timeouts"]
