@section.editing
Feature: Editing the service-linked role
  The page says the role cannot be edited and its name cannot change, while its description
  can still be edited through IAM. IAM's API reference names the error for each refused edit.
  Section: "Editing a service-linked role for Incident Manager".

  @SLR-EDT-01
  Rule: The role's permissions and trust cannot be edited

    @changes.role
    Scenario Outline: IAM refuses to <edit> on the role
      Given the Incident Manager service-linked role exists
      When I try to <edit> on the role
      Then the request is refused with "UnmodifiableEntity"
      And the role's permissions and trust are unchanged

      Examples:
        | edit                              |
        | attach another managed policy     |
        | detach its managed policy         |
        | put an inline policy              |
        | set a permissions boundary        |
        | replace the trust policy          |

    # These two rows cannot show protection, only that nothing is silently accepted: the role
    # never holds an inline policy or a boundary to remove, so an unprotected IAM that checks
    # existence first answers NoSuchEntity as well, and IAM does not document which check comes
    # first. Kept because an implementation that answers success here (stock moto does, for the
    # boundary) claims to have removed something from a role it may not change.
    @changes.role
    Scenario Outline: IAM does not silently accept an attempt to <edit> on the role
      Given the Incident Manager service-linked role exists
      When I try to <edit> on the role
      Then the request is refused with "UnmodifiableEntity" or "NoSuchEntity"
      And the role's permissions and trust are unchanged

      Examples:
        | edit                              |
        | delete an inline policy           |
        | delete the permissions boundary   |

  @SLR-EDT-02
  Rule: The role cannot be deleted or reused as an ordinary role

    @changes.role
    Scenario: IAM DeleteRole is refused
      Given the Incident Manager service-linked role exists
      When I try to delete the role with DeleteRole
      Then the request is refused with "UnmodifiableEntity"
      And the role still exists

    @changes.role
    Scenario: The role cannot be added to an instance profile
      Given the Incident Manager service-linked role exists
      When I try to add the role to a new instance profile
      Then the request is refused with "UnmodifiableEntity"
      And the instance profile holds no role

  @SLR-EDT-03
  Rule: The role keeps its name

    @changes.role
    Scenario: An allowed edit leaves the name, ID and ARN as they were
      Given the Incident Manager service-linked role exists
      When I set the role's description to "Renamed? No." with UpdateRoleDescription
      Then the request succeeds
      And the role keeps its name, role ID and ARN

  @SLR-EDT-04
  Rule: The role's description can be edited through IAM

    @changes.role
    Scenario: UpdateRoleDescription sets the description
      Given the Incident Manager service-linked role exists
      When I set the role's description to "Used by Incident Manager" with UpdateRoleDescription
      Then the request succeeds
      And the role's description is "Used by Incident Manager"

    @changes.role
    Scenario: UpdateRole sets the description
      Given the Incident Manager service-linked role exists
      When I set the role's description to "Set through UpdateRole" with UpdateRole
      Then the request succeeds
      And the role's description is "Set through UpdateRole"

  @SLR-EDT-05
  Rule: The role's tags can be edited

    @changes.role
    Scenario: A tag can be added to the role
      Given the Incident Manager service-linked role exists
      When I tag the role with "team" = "operations"
      Then the request succeeds
      And the role has the tag "team" = "operations"

    @changes.role
    Scenario: A tag can be removed from the role
      Given the Incident Manager service-linked role exists
      And the role has been tagged with "team" = "operations"
      When I remove the tag "team" from the role
      Then the request succeeds
      And the role has no tag "team"
