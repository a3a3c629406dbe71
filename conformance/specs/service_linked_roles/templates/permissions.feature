@section.permissions
Feature: Service-linked role permissions
  An IAM user or role needs permission to create, edit or delete a service-linked role. The
  guide gives the statements to grant: creating one service's role (its ARN, under the
  condition that names the service), editing the description, and deleting the role and
  following its deletion. Section: "Service-linked role permissions".

  # The guide's grant for creating a specific service's role names the role's path and name
  # prefix, so it differs by service and is shown for each; a user without it is refused.
  @IAM-PRM-01
  Rule: Creating a service's role takes the grant the guide gives for it

    @needs.permissions @changes.role
    Scenario Outline: A user without permissions cannot create the role of <principal>
      Given IAM permission checks are enforced
      And no service-linked role of "<principal>" exists
      And an IAM user with no permissions
      When the IAM user asks IAM to create the service-linked role
      Then the request is refused with "AccessDenied"
      And no service-linked role of "<principal>" exists

      # examples: principal; only: sample

    @needs.permissions @changes.role @evidence.observed-roles
    Scenario Outline: A user granted the guide's statement for <principal> can create its role
      Given IAM permission checks are enforced
      And no service-linked role of "<principal>" exists
      And an IAM user granted what the IAM User Guide grants for creating the role "<role_name>" of "<principal>"
      When the IAM user asks IAM to create the service-linked role
      Then the request succeeds
      And the role's name is "<role_name>"

      # examples: principal, role_name

  @IAM-PRM-02
  Rule: Editing the description takes iam:UpdateRoleDescription

    @needs.permissions @changes.role
    Scenario Outline: A user without permissions cannot edit the description of <principal>'s role
      Given IAM permission checks are enforced
      And the service-linked role of "<principal>" exists
      And an IAM user with no permissions
      When the IAM user sets the role's description to "Edited without permission"
      Then the request is refused with "AccessDenied"
      And the role's description is not "Edited without permission"

      # examples: principal; only: sample

    @needs.permissions @changes.role
    Scenario Outline: A user allowed iam:UpdateRoleDescription edits the description of <principal>'s role
      Given IAM permission checks are enforced
      And the service-linked role of "<principal>" exists
      And an IAM user whose policy allows "iam:UpdateRoleDescription" on "arn:aws:iam::*:role/aws-service-role/*"
      When the IAM user sets the role's description to "Edited with permission"
      Then the request succeeds
      And the role's description is "Edited with permission"

      # examples: principal; only: sample

  @IAM-PRM-03
  Rule: Deleting the role takes iam:DeleteServiceLinkedRole

    @needs.permissions @changes.role
    Scenario Outline: A user without permissions cannot start the deletion of <principal>'s role
      Given IAM permission checks are enforced
      And the service-linked role of "<principal>" exists
      And an IAM user with no permissions
      When the IAM user requests the role's deletion
      Then the request is refused with "AccessDenied"
      And the role still exists

      # examples: principal; only: sample

    @needs.permissions @changes.role
    Scenario Outline: A user allowed to delete service-linked roles starts the deletion of <principal>'s role
      Given IAM permission checks are enforced
      And the service-linked role of "<principal>" exists
      And an IAM user whose policy allows "iam:DeleteServiceLinkedRole, iam:GetServiceLinkedRoleDeletionStatus" on "arn:aws:iam::*:role/aws-service-role/*"
      When the IAM user requests the role's deletion
      Then the request succeeds
      And a deletion task ID is returned

      # examples: principal; only: sample
