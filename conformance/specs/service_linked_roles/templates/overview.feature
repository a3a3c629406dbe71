@section.overview
Feature: Overview: what a service-linked role is
  IAM's guide opens by saying what every service-linked role is: a role tied to one service,
  predefined by it with the permissions it needs, owned by it (administrators see its
  permissions but cannot change them), assumable by that service alone, and holding a policy
  that attaches to nothing else. Section: "Using service-linked roles" (introduction).

  # The values in the tables are what AWS answered when it created each service's role
  # (recorded 2025-03-13), never a pattern: IAM warns that a service principal's form varies.
  @IAM-OVR-01
  Rule: The role IAM creates is the service's, on the service's path

    @changes.role @evidence.observed-roles
    Scenario Outline: The role of <principal> is named and placed as AWS recorded it
      Given the service-linked role of "<principal>" exists
      Then the role's name is "<role_name>"
      And the role's path is "<path>"
      And the role's ARN names this account, the role's path and the role's name
      And the role's maximum session duration is <max_session_duration> seconds

      # examples: principal, role_name, path, max_session_duration; documented: role_name

  @IAM-OVR-02
  Rule: The role carries the service's predefined managed policy, and nothing else

    @changes.role @evidence.observed-roles
    Scenario Outline: The role of <principal> carries the policy AWS recorded
      Given the service-linked role of "<principal>" exists
      Then the only policy attached to the role is "<policy_arn>"
      And the attached policy is owned by AWS and sits on the path "/aws-service-role/"
      And the role has no inline policy

      # examples: principal, policy_arn; documented: policies

  @IAM-OVR-03
  Rule: The role's trust policy names its service alone

    @changes.role @evidence.observed-roles
    Scenario Outline: The role of <principal> trusts only its service
      Given the service-linked role of "<principal>" exists
      Then the role's trust policy names only the principal "<principal>"
      And the role's trust policy allows only the action "sts:AssumeRole"
      And the role's trust policy is a single Allow statement without conditions

      # examples: principal; documented: principals

  # AccessDenied also comes back when a caller cannot assume any role at all: the same caller
  # first assumes a role that trusts the account, and the example is inconclusive otherwise.
  # Who may assume the role is decided by its trust policy, checked for every service under
  # IAM-OVR-03; this rule's examples take the sample of services (see the docs).
  @IAM-OVR-04
  Rule: No principal of the account can assume the role

    @changes.role
    Scenario Outline: The account's own credentials cannot assume the role of <principal>
      Given the service-linked role of "<principal>" exists
      And the account's own credentials can assume an ordinary role of the account
      When the account's own credentials try to assume the role
      Then the request is refused with "AccessDenied"

      # examples: principal; only: sample

  @IAM-OVR-05
  Rule: The role's managed policy cannot be attached to any other IAM entity

    # The policy differs by service, so every service's is tried on a customer role; users and
    # groups are refused by the same rule, shown on the sample of services.
    Scenario Outline: The policy of <principal>'s role cannot be attached to a customer role
      When I try to attach the policy "<policy_arn>" to each of these new entities
        | entity        |
        | customer role |
      Then every request is refused with "PolicyNotAttachable"
      And none of those entities has an attached policy

      # examples: principal, policy_arn

    Scenario Outline: The policy of <principal>'s role cannot be attached to a user or a group
      When I try to attach the policy "<policy_arn>" to each of these new entities
        | entity |
        | user   |
        | group  |
      Then every request is refused with "PolicyNotAttachable"
      And none of those entities has an attached policy

      # examples: principal, policy_arn; only: sample
