"""Real AWS: opt-in, limited to allow-listed accounts, checked with STS before any change.

Credentials come from boto3's usual chain. The account is checked once, at start, before the
first request that could change anything. Scenarios that would change or delete a replication
set or role the account already had are skipped by the hooks, with that reason. boto3 honours
``AWS_ENDPOINT_URL``, so the same backend, every guard included, runs against an emulator
standing in for an account; ``poll_interval`` keeps its waits short there. In a dry run every
client refuses the requests that would change something (``conformance.live.dryrun``).
"""

from __future__ import annotations

import os
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, ProfileNotFound

from conformance.backends.base import BackendDescription, Credentials
from conformance.backends.common import BackendBase, botocore_version
from conformance.backends.registry import BackendOptions
from conformance.clock import RealClock
from conformance.errors import ConfigurationError
from conformance.live import dryrun

AWS_CONFIG = Config(retries={"max_attempts": 5, "mode": "standard"})
#: Seconds between two looks while waiting for AWS, unless ``--poll-interval`` says otherwise.
DEFAULT_POLL_INTERVAL = 15.0


class AwsBackend(BackendBase):
    name = "aws"
    live = True

    def __init__(self, options: BackendOptions) -> None:
        if not options.allowed_aws_accounts:
            raise ConfigurationError(
                "The aws backend changes a real account, so it runs only with --allow-aws-account ID "
                "naming the account it may use."
            )
        bad = sorted(a for a in options.allowed_aws_accounts if not (a.isdigit() and len(a) == 12))
        if bad:
            raise ConfigurationError(
                f"--allow-aws-account takes 12-digit account IDs, not {', '.join(bad)}."
            )
        super().__init__(options.region, RealClock(), account_id="")
        self._allowed = options.allowed_aws_accounts
        self.poll_interval = options.poll_interval or DEFAULT_POLL_INTERVAL
        self.dry_run = options.dry_run
        try:
            self._session = boto3.session.Session(
                profile_name=options.profile, region_name=options.region
            )
        except ProfileNotFound:
            raise ConfigurationError(f"The AWS profile {options.profile} does not exist.") from None

    def start(self) -> None:
        if self._account:
            return
        try:
            identity = self._session.client("sts", config=AWS_CONFIG).get_caller_identity()
        except NoCredentialsError:
            raise ConfigurationError(
                "No AWS credentials were found (environment, profile or instance role)."
            ) from None
        except (ClientError, BotoCoreError) as exc:
            raise ConfigurationError(f"AWS STS refused the credentials ({exc}).") from None
        account = str(identity["Account"])
        if account not in self._allowed:
            raise ConfigurationError(
                f"The credentials belong to account {account}, which --allow-aws-account does not name."
            )
        self._account = account

    def stop(self) -> None:
        return None

    def client(
        self, service: str, region: str | None = None, credentials: Credentials | None = None
    ) -> Any:
        self._require_checked()
        # Another principal's keys go on the same session, whose models are loaded once; no
        # keys (all None) leave the session's own credentials in place.
        client = self._session.client(
            service,
            region_name=region or self._region,
            config=AWS_CONFIG,
            aws_access_key_id=credentials.access_key_id if credentials else None,
            aws_secret_access_key=credentials.secret_access_key if credentials else None,
            aws_session_token=credentials.session_token if credentials else None,
        )
        return dryrun.install(client) if self.dry_run else client

    @property
    def account_id(self) -> str:
        self._require_checked()
        return self._account

    def _require_checked(self) -> None:
        if not self._account:
            raise ConfigurationError("The aws backend was used before its account was checked.")

    def describe(self) -> BackendDescription:
        """A run that ``AWS_ENDPOINT_URL`` sent elsewhere says where it went."""
        return BackendDescription(
            self.name,
            "Amazon Web Services",
            "live",
            os.environ.get("AWS_ENDPOINT_URL") or None,
            {"botocore": botocore_version(), "region": self._region},
        )
