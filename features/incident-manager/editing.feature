@section.editing
Feature: Editing the service-linked role
  The page says the role cannot be edited and its name cannot change, while its description
  can still be edited through IAM. IAM's API reference names the error for each refused edit.
  Section: "Editing a service-linked role for Incident Manager".

  # EDT-01 and EDT-02 are shown twice: on the role as the account has it (or as IAM's
  # CreateServiceLinkedRole makes it), and on the role a replication set brought, so that an
  # implementation cannot pass by bringing an ordinary, editable role with its replication sets.
  #
  # The permissions boundary row: the API reference lists UnmodifiableEntity among the errors
  # of PutRolePermissionsBoundary, and describes that error as the one for service-linked
  # roles, which only their service may change; so the row asks for that code, and checks
  # that the role is unchanged as every row does.
  @SLR-EDT-01
  Rule: The role's permissions and trust cannot be edited

    @changes.role
    Scenario Outline: IAM refuses to <edit> on the role
      Given the Incident Manager service-linked role <role>
      When I try to <edit> on the role
      Then the request is refused with "UnmodifiableEntity"
      And the role's permissions and trust are unchanged

      Examples: The role as the account has it, or as IAM creates it
        | role   | edit                              |
        | exists | attach another managed policy     |
        | exists | detach its managed policy         |
        | exists | put an inline policy              |
        | exists | set a permissions boundary        |
        | exists | replace the trust policy          |

      @changes.replication_set
      Examples: The role a replication set brought
        | role                                 | edit                              |
        | exists, brought by a replication set | attach another managed policy     |
        | exists, brought by a replication set | detach its managed policy         |
        | exists, brought by a replication set | put an inline policy              |
        | exists, brought by a replication set | set a permissions boundary        |
        | exists, brought by a replication set | replace the trust policy          |

    # These two rows cannot show protection, only that nothing is silently accepted: the role
    # never holds an inline policy or a boundary to remove, so an unprotected IAM that checks
    # existence first answers NoSuchEntity as well, and IAM does not document which check comes
    # first. Kept because an implementation that answers success here (stock moto does, for the
    # boundary) claims to have removed something from a role it may not change.
    @changes.role
    Scenario Outline: IAM does not silently accept an attempt to <edit> on the role
      Given the Incident Manager service-linked role <role>
      When I try to <edit> on the role
      Then the request is refused with "UnmodifiableEntity" or "NoSuchEntity"
      And the role's permissions and trust are unchanged

      Examples: The role as the account has it, or as IAM creates it
        | role   | edit                              |
        | exists | delete an inline policy           |
        | exists | delete the permissions boundary   |

      @changes.replication_set
      Examples: The role a replication set brought
        | role                                 | edit                              |
        | exists, brought by a replication set | delete an inline policy           |
        | exists, brought by a replication set | delete the permissions boundary   |

  @SLR-EDT-02
  Rule: The role cannot be deleted or reused as an ordinary role

    @changes.role
    Scenario Outline: IAM DeleteRole is refused
      Given the Incident Manager service-linked role <role>
      When I try to delete the role with DeleteRole
      Then the request is refused with "UnmodifiableEntity"
      And the role still exists

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

    @changes.role
    Scenario Outline: The role cannot be added to an instance profile
      Given the Incident Manager service-linked role <role>
      When I try to add the role to a new instance profile
      Then the request is refused with "UnmodifiableEntity"
      And the instance profile holds no role

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

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

  # botocore 1.44 added the maximum sign-in session duration to UpdateRole, saying that a
  # service-linked role's cannot be changed, but not with which error: any error UpdateRole
  # lists is accepted, and so is an answer that changes nothing.
  @SLR-EDT-06
  Rule: The role's maximum sign-in session duration cannot be set

    @changes.role @evidence.api-iam-update-role-signin
    Scenario: UpdateRole does not set the role's maximum sign-in session duration
      Given the Incident Manager service-linked role exists
      When I try to set the role's maximum sign-in session duration to 7200 seconds
      Then the request is refused with an error "UpdateRole" lists, or succeeds
      And the role's maximum sign-in session duration is unchanged
