@section.overview
Feature: Overview: what the Incident Manager service-linked role is
  The page opens by saying that Incident Manager works through an IAM service-linked role:
  one that the service defines, that only the service may assume, whose policy stays with it,
  and that outlives nothing it protects. Section: "Using service-linked roles for Incident Manager".

  # OVR-01, OVR-02 and OVR-03 are shown twice: on the role as the account has it (or as IAM's
  # CreateServiceLinkedRole makes it), and on the role a replication set brought, so that an
  # implementation cannot pass by bringing an ordinary role with its replication sets.
  @SLR-OVR-01
  Rule: The role is a service-linked role of Incident Manager

    Scenario Outline: The role sits on the service-linked path of Incident Manager
      Given the Incident Manager service-linked role <role>
      Then the role's path is "/aws-service-role/ssm-incidents.amazonaws.com/"

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

    Scenario Outline: The role's ARN places it in the caller's account under its path
      Given the Incident Manager service-linked role <role>
      Then the role's ARN names this account, the role's path and the role's name

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

    @evidence.observed-role-snapshot
    Scenario Outline: Sessions of the role last at most one hour
      Given the Incident Manager service-linked role <role>
      Then the role's maximum session duration is 3600 seconds

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

  @SLR-OVR-02
  Rule: The role's permissions come from one predefined managed policy

    Scenario Outline: The Incident Manager managed policy is the only policy attached
      Given the Incident Manager service-linked role <role>
      Then the only policy attached to the role is "arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy"

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

    Scenario Outline: The role has no inline policy
      Given the Incident Manager service-linked role <role>
      Then the role has no inline policy

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

    Scenario Outline: The attached policy is an AWS managed policy for service roles
      Given the Incident Manager service-linked role <role>
      Then the attached policy is owned by AWS and sits on the path "/aws-service-role/"

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

  @SLR-OVR-03
  Rule: No principal of the account can assume the role

    # AccessDenied also comes back when a caller cannot assume any role at all (a root caller,
    # or one without sts:AssumeRole). The same caller first assumes a role that trusts the
    # account; when it cannot, the example is inconclusive (skipped, with that reason).
    Scenario Outline: The account's own credentials cannot assume the role
      Given the Incident Manager service-linked role <role>
      And the account's own credentials can assume an ordinary role of the account
      When the account's own credentials try to assume the role
      Then the request is refused with "AccessDenied"

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

    Scenario Outline: A user allowed to assume any role still cannot assume this one
      Given the Incident Manager service-linked role <role>
      And an IAM user whose policy allows "sts:AssumeRole" on every resource
      And the IAM user can assume an ordinary role of the account
      When the IAM user tries to assume the role
      Then the request is refused with "AccessDenied"

      Examples: The role as the account has it, or as IAM creates it
        | role   |
        | exists |

      @changes.replication_set @changes.role
      Examples: The role a replication set brought
        | role                                 |
        | exists, brought by a replication set |

  @SLR-OVR-04
  Rule: The role's policy cannot be attached to any other IAM entity

    Scenario Outline: The managed policy cannot be attached to a <entity>
      Given the Incident Manager service-linked role exists
      When I try to attach the role's managed policy to a new <entity>
      Then the request is refused with "PolicyNotAttachable"
      And the <entity> has no attached policy

      Examples:
        | entity        |
        | user          |
        | group         |
        | customer role |
