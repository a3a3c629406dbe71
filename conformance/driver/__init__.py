"""The domain driver the behave steps call: AWS calls, waiting and cleanup live here."""

from conformance.driver.world import IncidentManager, Timeouts

__all__ = ["IncidentManager", "Timeouts"]
