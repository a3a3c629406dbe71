"""The three kinds of trouble a run can meet, kept apart on purpose.

* ``ConfigurationError``: the user asked for something we cannot do (exit code 2, one sentence).
  ``BackendUnavailable`` is one: the implementation is not installed here.
* ``ImplementationFailure``: the implementation under test answered against the specification.
  It subclasses ``AssertionError`` so behave reports the scenario as *failed*.
* anything else raised from our own code is an *error*: a defect of the suite, never a verdict.
"""


class ConfigurationError(Exception):
    """A usage or configuration problem, explained in one plain sentence."""


class BackendUnavailable(ConfigurationError):
    """The backend's implementation is not installed on this machine: it cannot run here, which
    says nothing about the implementation (``make peers`` installs the peers)."""


class ImplementationFailure(AssertionError):
    """The implementation under test did not behave as the specification requires."""


class ControlUnavailable(Exception):
    """A scenario needs a test control (reset, clock, fault) that the backend does not offer."""


class WorkerStopped(Exception):
    """A worker process ended without finishing its share: a defect of the suite or of the
    machine (a process killed), never a verdict, said in one sentence."""
