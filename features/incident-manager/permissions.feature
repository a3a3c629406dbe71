@section.permissions
Feature: Service-linked role permissions
  The page's permissions section names the role, the one service it trusts, and what the
  managed policy AWSIncidentManagerServiceRolePolicy lets the service do. It also reminds the
  reader that creating, editing and deleting the role take permissions of their own. A new
  user's grant takes a while to spread through IAM, so a granted request refused with
  AccessDenied is asked again for up to two minutes of the backend's clock before it counts.
  Section: "Service-linked role permissions for Incident Manager".

  @SLR-PRM-01
  Rule: The role is named AWSServiceRoleForIncidentManager

    Scenario: The role carries the documented name, with a capital F
      Given the Incident Manager service-linked role exists
      Then the role's name is "AWSServiceRoleForIncidentManager"

    Scenario: The role is found under the documented name
      Given the Incident Manager service-linked role exists
      Then looking up the role "AWSServiceRoleForIncidentManager" finds the service-linked role

  @SLR-PRM-02
  Rule: The trust policy names only the Incident Manager service principal

    Scenario: The trust policy names only the Incident Manager service principal
      Given the Incident Manager service-linked role exists
      Then the role's trust policy names only the principal "ssm-incidents.amazonaws.com"

    Scenario: The trust policy grants only sts:AssumeRole
      Given the Incident Manager service-linked role exists
      Then the role's trust policy allows only the action "sts:AssumeRole"

    Scenario: The trust policy is a single unconditional Allow statement
      Given the Incident Manager service-linked role exists
      Then the role's trust policy is a single Allow statement without conditions

  @SLR-PRM-03
  Rule: The policy lets the service list incident records and add timeline events

    Scenario Outline: The policy allows <action> on every resource
      Given the Incident Manager service-linked role exists
      Then the role's policy allows "<action>" on every resource

      Examples:
        | action                            |
        | ssm-incidents:ListIncidentRecords |
        | ssm-incidents:CreateTimelineEvent |

  @SLR-PRM-04
  Rule: The policy lets the service create OpsItems and relate items to them

    Scenario Outline: The policy allows <action> on every resource
      Given the Incident Manager service-linked role exists
      Then the role's policy allows "<action>" on every resource

      Examples:
        | action                          |
        | ssm:CreateOpsItem               |
        | ssm:AssociateOpsItemRelatedItem |

  @SLR-PRM-05
  Rule: The policy lets the service start engagements

    Scenario: The policy allows ssm-contacts:StartEngagement on every resource
      Given the Incident Manager service-linked role exists
      Then the role's policy allows "ssm-contacts:StartEngagement" on every resource

  @SLR-PRM-06
  Rule: The policy allows metric data only in the Incident Manager namespace

    Scenario: Metric data in the AWS/IncidentManager namespace is allowed
      Given the Incident Manager service-linked role exists
      Then the role's policy allows publishing metric data in the namespace "AWS/IncidentManager"

    Scenario Outline: Metric data in the <namespace> namespace is not allowed
      Given the Incident Manager service-linked role exists
      Then the role's policy does not allow publishing metric data in the namespace "<namespace>"

      Examples:
        | namespace          |
        | Custom/Application |
        | AWS/EC2            |

    Scenario: Metric data without a namespace is not allowed
      Given the Incident Manager service-linked role exists
      Then the role's policy does not allow publishing metric data without a namespace

  @SLR-PRM-07
  Rule: The policy allows nothing beyond the documented actions

    Scenario: Every action the policy allows is a documented one
      Given the Incident Manager service-linked role exists
      Then every action the role's policy allows is among the documented actions

    Scenario Outline: The policy does not allow <action>
      Given the Incident Manager service-linked role exists
      Then the role's policy does not allow "<action>" on every resource

      Examples:
        | action                              |
        | ssm-incidents:DeleteReplicationSet  |
        | iam:PassRole                        |

  @SLR-PRM-08
  Rule: Creating the role takes the iam:CreateServiceLinkedRole permission

    @needs.permissions @changes.role
    Scenario: A user without the permission cannot create the role
      Given IAM permission checks are enforced
      And no Incident Manager service-linked role exists
      And an IAM user with no permissions
      When the IAM user asks IAM to create the Incident Manager service-linked role
      Then the request is refused with "AccessDenied"
      And no Incident Manager service-linked role exists

    # The IAM User Guide's recipe grants iam:CreateServiceLinkedRole on the role's ARN for the
    # service, together with iam:AttachRolePolicy and iam:PutRolePolicy on the same ARN; that
    # the first alone suffices is not documented, so the user gets the whole recipe.
    @needs.permissions @changes.role
    Scenario: A user granted the permission for the service can create the role
      Given IAM permission checks are enforced
      And no Incident Manager service-linked role exists
      And an IAM user granted what the IAM User Guide grants for creating the Incident Manager service-linked role
      When the IAM user asks IAM to create the Incident Manager service-linked role
      Then the request succeeds
      And the Incident Manager service-linked role exists as documented

  @SLR-PRM-09
  Rule: Editing the description takes the iam:UpdateRoleDescription permission

    @needs.permissions @changes.role
    Scenario: A user without the permission cannot change the description
      Given IAM permission checks are enforced
      And the Incident Manager service-linked role exists
      And an IAM user with no permissions
      When the IAM user sets the role's description to "Edited without permission"
      Then the request is refused with "AccessDenied"
      And the role's description is not "Edited without permission"

    @needs.permissions @changes.role
    Scenario: A user granted the permission can change the description
      Given IAM permission checks are enforced
      And the Incident Manager service-linked role exists
      And an IAM user whose policy allows "iam:UpdateRoleDescription" on every resource
      When the IAM user sets the role's description to "Edited with permission"
      Then the request succeeds
      And the role's description is "Edited with permission"

  @SLR-PRM-10
  Rule: Deleting the role takes the iam:DeleteServiceLinkedRole permission

    @needs.permissions @changes.role
    Scenario: A user without the permission cannot start the deletion
      Given IAM permission checks are enforced
      And the Incident Manager service-linked role exists
      And an IAM user with no permissions
      When the IAM user requests the role's deletion
      Then the request is refused with "AccessDenied"
      And the role still exists

    @needs.permissions @changes.role
    Scenario: A user granted the permission can start the deletion
      Given IAM permission checks are enforced
      And the Incident Manager service-linked role exists
      And an IAM user whose policy allows "iam:DeleteServiceLinkedRole" on every resource
      When the IAM user requests the role's deletion
      Then the request succeeds
      And a deletion task ID is returned
