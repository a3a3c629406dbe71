"""HTTP handlers of ``ssm-incidents``: unpack validated parameters, call the model, pack results.

The wire layer has already routed and validated the request, so each handler is a line
or two; all rules live in ``models.IncidentsService``.
"""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Request, Response

from conformance.emulator import wire
from conformance.emulator.contracts import PermissionChecker
from conformance.emulator.incidents.models import IncidentsService
from conformance.emulator.wire import paginate as page

SERVICE_NAME = "ssm-incidents"

Params = dict[str, Any]
Result = dict[str, Any] | None


class IncidentsResponses:
    """The operations of ``ssm-incidents`` for one caller (account and Region)."""

    def __init__(self, service: IncidentsService, account_id: str, region: str) -> None:
        self.service = service
        self.account_id = account_id
        self.region = region

    def operations(self) -> dict[str, wire.Handler]:
        return {
            "CreateReplicationSet": self.create_replication_set,
            "GetReplicationSet": self.get_replication_set,
            "ListReplicationSets": self.list_replication_sets,
            "UpdateReplicationSet": self.update_replication_set,
            "UpdateDeletionProtection": self.update_deletion_protection,
            "DeleteReplicationSet": self.delete_replication_set,
            "CreateResponsePlan": self.create_response_plan,
            "GetResponsePlan": self.get_response_plan,
            "ListResponsePlans": self.list_response_plans,
            "UpdateResponsePlan": self.update_response_plan,
            "DeleteResponsePlan": self.delete_response_plan,
            "StartIncident": self.start_incident,
            "GetIncidentRecord": self.get_incident_record,
            "ListIncidentRecords": self.list_incident_records,
            "UpdateIncidentRecord": self.update_incident_record,
            "DeleteIncidentRecord": self.delete_incident_record,
            "ListRelatedItems": self.list_related_items,
            "UpdateRelatedItems": self.update_related_items,
            "CreateTimelineEvent": self.create_timeline_event,
            "GetTimelineEvent": self.get_timeline_event,
            "ListTimelineEvents": self.list_timeline_events,
            "UpdateTimelineEvent": self.update_timeline_event,
            "DeleteTimelineEvent": self.delete_timeline_event,
            "TagResource": self.tag_resource,
            "UntagResource": self.untag_resource,
            "ListTagsForResource": self.list_tags_for_resource,
            "ListIncidentFindings": self.list_incident_findings,
            "BatchGetIncidentFindings": self.batch_get_incident_findings,
            "PutResourcePolicy": self.put_resource_policy,
            "GetResourcePolicies": self.get_resource_policies,
            "DeleteResourcePolicy": self.delete_resource_policy,
        }

    # replication sets
    def create_replication_set(self, p: Params) -> Result:
        arn = self.service.create_replication_set(
            self.account_id, p["regions"], p.get("tags"), p.get("clientToken")
        )
        return {"arn": arn}

    def get_replication_set(self, p: Params) -> Result:
        return {"replicationSet": self.service.get_replication_set(self.account_id, p["arn"])}

    def list_replication_sets(self, p: Params) -> Result:
        arns = self.service.list_replication_sets(self.account_id)
        items, token = page(arns, p.get("maxResults"), p.get("nextToken"))
        return {"replicationSetArns": items, "nextToken": token}

    def update_replication_set(self, p: Params) -> Result:
        self.service.update_replication_set(self.account_id, p["arn"], p["actions"])
        return None

    def update_deletion_protection(self, p: Params) -> Result:
        self.service.update_deletion_protection(self.account_id, p["arn"], p["deletionProtected"])
        return None

    def delete_replication_set(self, p: Params) -> Result:
        self.service.delete_replication_set(self.account_id, p["arn"])
        return None

    # response plans
    def create_response_plan(self, p: Params) -> Result:
        return {"arn": self.service.create_response_plan(self.account_id, p)}

    def get_response_plan(self, p: Params) -> Result:
        return self.service.get_response_plan(self.account_id, p["arn"])

    def list_response_plans(self, p: Params) -> Result:
        plans = self.service.list_response_plans(self.account_id)
        items, token = page(plans, p.get("maxResults"), p.get("nextToken"))
        return {"responsePlanSummaries": items, "nextToken": token}

    def update_response_plan(self, p: Params) -> Result:
        self.service.update_response_plan(self.account_id, p["arn"], p)
        return None

    def delete_response_plan(self, p: Params) -> Result:
        self.service.delete_response_plan(self.account_id, p["arn"])
        return None

    # incidents
    def start_incident(self, p: Params) -> Result:
        return {"incidentRecordArn": self.service.start_incident(self.account_id, p)}

    def get_incident_record(self, p: Params) -> Result:
        return {"incidentRecord": self.service.get_incident_record(self.account_id, p["arn"])}

    def list_incident_records(self, p: Params) -> Result:
        records = self.service.list_incident_records(self.account_id, p.get("filters") or ())
        items, token = page(records, p.get("maxResults"), p.get("nextToken"))
        return {"incidentRecordSummaries": items, "nextToken": token}

    def update_incident_record(self, p: Params) -> Result:
        self.service.update_incident_record(self.account_id, p["arn"], p)
        return None

    def delete_incident_record(self, p: Params) -> Result:
        self.service.delete_incident_record(self.account_id, p["arn"])
        return None

    def list_related_items(self, p: Params) -> Result:
        related = self.service.list_related_items(self.account_id, p["incidentRecordArn"])
        items, token = page(related, p.get("maxResults"), p.get("nextToken"))
        return {"relatedItems": items, "nextToken": token}

    def update_related_items(self, p: Params) -> Result:
        self.service.update_related_items(
            self.account_id, p["incidentRecordArn"], p["relatedItemsUpdate"]
        )
        return None

    # timeline events
    def create_timeline_event(self, p: Params) -> Result:
        event_id = self.service.create_timeline_event(self.account_id, p)
        return {"eventId": event_id, "incidentRecordArn": p["incidentRecordArn"]}

    def get_timeline_event(self, p: Params) -> Result:
        event = self.service.get_timeline_event(
            self.account_id, p["incidentRecordArn"], p["eventId"]
        )
        return {"event": event}

    def list_timeline_events(self, p: Params) -> Result:
        events = self.service.list_timeline_events(
            self.account_id,
            p["incidentRecordArn"],
            p.get("filters") or (),
            descending=p.get("sortOrder") == "DESCENDING",
        )
        items, token = page(events, p.get("maxResults"), p.get("nextToken"))
        return {"eventSummaries": items, "nextToken": token}

    def update_timeline_event(self, p: Params) -> Result:
        self.service.update_timeline_event(self.account_id, p)
        return None

    def delete_timeline_event(self, p: Params) -> Result:
        self.service.delete_timeline_event(self.account_id, p["incidentRecordArn"], p["eventId"])
        return None

    # findings
    def list_incident_findings(self, p: Params) -> Result:
        findings = self.service.list_incident_findings(self.account_id, p["incidentRecordArn"])
        items, token = page(findings, p.get("maxResults"), p.get("nextToken"))
        return {"findings": items, "nextToken": token}

    def batch_get_incident_findings(self, p: Params) -> Result:
        findings, errors = self.service.batch_get_incident_findings(
            self.account_id, p["incidentRecordArn"], p["findingIds"]
        )
        return {"findings": findings, "errors": errors}

    # resource policies
    def put_resource_policy(self, p: Params) -> Result:
        policy_id = self.service.put_resource_policy(
            self.account_id, self.region, p["resourceArn"], p["policy"]
        )
        return {"policyId": policy_id}

    def get_resource_policies(self, p: Params) -> Result:
        policies = self.service.get_resource_policies(self.account_id, p["resourceArn"])
        items, token = page(policies, p.get("maxResults"), p.get("nextToken"))
        return {"resourcePolicies": items, "nextToken": token}

    def delete_resource_policy(self, p: Params) -> Result:
        self.service.delete_resource_policy(self.account_id, p["resourceArn"], p["policyId"])
        return None

    # tags
    def tag_resource(self, p: Params) -> Result:
        self.service.tag_resource(self.account_id, p["resourceArn"], p["tags"])
        return None

    def untag_resource(self, p: Params) -> Result:
        self.service.untag_resource(self.account_id, p["resourceArn"], p["tagKeys"])
        return None

    def list_tags_for_resource(self, p: Params) -> Result:
        return {"tags": self.service.list_tags_for_resource(self.account_id, p["resourceArn"])}


def handle(service: IncidentsService, request: Request, account_id: str, region: str) -> Response:
    """Answer one ``ssm-incidents`` request for the caller's account and Region."""
    operations = IncidentsResponses(service, account_id, region).operations()
    checker = service.permission_checker
    if checker is not None:
        operations = {
            name: _permitted(checker, account_id, name, handler)
            for name, handler in operations.items()
        }
    return wire.handle(SERVICE_NAME, operations, request)


def _permitted(
    checker: PermissionChecker, account_id: str, operation: str, handler: wire.Handler
) -> wire.Handler:
    """``handler``, once the caller's IAM policies allow ``ssm-incidents:<operation>``.

    The resource is the ARN the request names, or ``*`` for requests that name none.
    """

    def checked(params: Params) -> Result:
        resource = str(params.get("arn") or params.get("resourceArn") or "*")
        checker.check_permission(account_id, f"{SERVICE_NAME}:{operation}", resource)
        return handler(params)

    return checked
