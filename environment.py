"""behave looks for its hooks here, beside steps/; they live in the conformance package."""

from conformance.behave_hooks import after_all, after_scenario, before_all, before_scenario

__all__ = ["after_all", "after_scenario", "before_all", "before_scenario"]
