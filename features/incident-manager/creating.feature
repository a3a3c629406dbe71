@section.creating
Feature: Creating the service-linked role
  Nobody needs to create the role by hand: the page says that creating a replication set, from
  the console, the CLI or the API, creates it, and creates it again after it was deleted.
  IAM's own CreateServiceLinkedRole is the other documented way in.
  Section: "Creating a service-linked role for Incident Manager".

  # The role a replication set brings is judged in full (its name, its one managed policy and
  # its trust), not only found on the path: the requirements on those properties read the role
  # whichever way it was made, and an implementation must not bring a different role than IAM
  # creates.
  @SLR-CRT-01
  Rule: Creating a replication set creates the role

    @changes.replication_set @changes.role
    Scenario: An account without the role gets it with its first replication set
      Given no Incident Manager service-linked role exists
      When a replication set is created in the home Region
      Then the replication set becomes active
      And the Incident Manager service-linked role exists as documented

    @changes.replication_set @changes.role
    Scenario: A replication set over three Regions brings the role too
      Given no Incident Manager service-linked role exists
      When a replication set is created in "us-east-1", "us-west-2" and "eu-west-1"
      Then the replication set becomes active
      And the Incident Manager service-linked role exists as documented

  @SLR-CRT-02
  Rule: A replication set reuses the role that already exists

    @changes.replication_set
    Scenario: The existing role is kept when a replication set is created
      Given the Incident Manager service-linked role exists
      When a replication set is created in the home Region
      Then the replication set becomes active
      And the role has the same role ID as before
      And exactly one role exists on the Incident Manager service-linked path

    @changes.replication_set
    Scenario: A replication set made through another Region's endpoint keeps the role too
      Given the Incident Manager service-linked role exists
      When a replication set is created in "eu-west-1"
      Then the replication set becomes active
      And the role has the same role ID as before
      And exactly one role exists on the Incident Manager service-linked path

  @SLR-CRT-03
  Rule: After the role is deleted, a new replication set creates it again

    @changes.replication_set @changes.role
    Scenario: The role comes back with the next replication set
      Given an active replication set in the home Region
      And the replication set has been deleted
      And the role has been deleted through IAM
      When a replication set is created in the home Region
      Then the replication set becomes active
      And the Incident Manager service-linked role exists as documented
      And the role has a new role ID

  @SLR-CRT-04
  Rule: IAM creates the service's role when asked

    @changes.role
    Scenario: IAM creates the role on the Incident Manager path
      Given no Incident Manager service-linked role exists
      When I ask IAM to create the service-linked role for "ssm-incidents.amazonaws.com"
      Then the request succeeds
      And the Incident Manager service-linked role exists as documented

  @SLR-CRT-05
  Rule: The role takes no custom suffix

    @changes.role
    Scenario: A custom suffix is refused
      Given no Incident Manager service-linked role exists
      When I ask IAM to create the service-linked role for "ssm-incidents.amazonaws.com" with the suffix "custom"
      Then the request is refused with "InvalidInput"
      And no Incident Manager service-linked role exists

  @SLR-CRT-06
  Rule: A second role for the service is refused

    Scenario: Asking for the role again while it exists is refused
      Given the Incident Manager service-linked role exists
      When I ask IAM to create the service-linked role for "ssm-incidents.amazonaws.com"
      Then the request is refused with "InvalidInput"
      And exactly one role exists on the Incident Manager service-linked path
