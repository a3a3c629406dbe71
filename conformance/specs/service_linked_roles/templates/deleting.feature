@section.deleting
Feature: Deleting a service-linked role
  Deleting a service-linked role through IAM is asynchronous: DeleteServiceLinkedRole starts a
  task named after the role, GetServiceLinkedRoleDeletionStatus reports it, and the task fails
  while the service still uses the role. Asked again while the task runs, IAM returns the
  same task.
  Section: "Deleting a service-linked role"; IAM API reference: DeleteServiceLinkedRole.

  @IAM-DEL-01
  Rule: The deletion task is named after the role

    @changes.role
    Scenario Outline: The deletion task of <principal>'s role names its service and name
      Given the service-linked role of "<principal>" exists
      When I request the role's deletion
      Then the deletion task ID has the form "task/aws-service-role/<principal>/<role_name>/<id>"

      # examples: principal, role_name

  # A service may still use its role, so a task that ends FAILED is legal; what it must not do
  # is report an undocumented status, or end SUCCEEDED and leave the role (or FAILED and not).
  @IAM-DEL-02
  Rule: The deletion task ends as documented

    @changes.role
    Scenario Outline: The deletion of <principal>'s role ends as IAM documents
      Given the service-linked role of "<principal>" exists
      When I request the role's deletion
      And the deletion task finishes
      Then every status reported for the task was one of "SUCCEEDED, IN_PROGRESS, FAILED, NOT_STARTED"
      And the deletion task ended SUCCEEDED with the role gone, or FAILED with the role kept

      # examples: principal; only: sample

  @IAM-DEL-03
  Rule: A role nothing uses is deleted

    @changes.role @evidence.observed-deletion @service.batch.amazonaws.com
    Scenario: The role of batch.amazonaws.com is deleted, as AWS recorded
      Given the service-linked role of "batch.amazonaws.com" exists
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

  # Telling only while the first task still runs: when it has already ended, IAM may start a
  # new task, so the example is then inconclusive (skipped, with that reason), not failed.
  @IAM-DEL-04
  Rule: Asking again while the task runs gives the same task

    @changes.role
    Scenario Outline: A second deletion request for <principal>'s role returns the running task
      Given the service-linked role of "<principal>" exists
      When I request the role's deletion
      And I request the role's deletion again while the task is still running
      Then both requests returned the same deletion task ID

      # examples: principal; only: sample
