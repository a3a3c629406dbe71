@section.deleting
Feature: Deleting the service-linked role
  The page asks for the replication set to go before the role: deleting the set removes all of
  Incident Manager's data, silences the alarms and EventBridge rules that pointed at its
  response plans, and takes every Region with it. After that, IAM deletes the role. The page's
  advice to wait and retry when deleting the resources fails is advice to the reader, not a
  promise the suite can check (see the catalogue's untestable statements).
  Section: "Deleting a service-linked role for Incident Manager".

  @SLR-DEL-01
  Rule: The role cannot be deleted while a replication set exists

    @changes.replication_set @changes.role
    Scenario: The deletion task fails while a replication set exists
      Given an active replication set in the home Region
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "FAILED"

    @changes.replication_set @changes.role
    Scenario: The role survives a failed deletion unchanged
      Given an active replication set in the home Region
      When I request the role's deletion
      And the deletion task finishes
      Then the role still exists
      And the role's permissions and trust are unchanged

    # The role is global and the replication set is made through one Region's endpoint: a set
    # made through another Region than the home one holds the role just the same.
    @changes.replication_set @changes.role
    Scenario: A replication set made through another Region's endpoint holds the role too
      Given an active replication set in "eu-west-1"
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "FAILED"
      And the role still exists

  # The replication set's deletion is asynchronous and IAM is eventually consistent, so a first
  # deletion task that ends FAILED shortly after the set went is legal: a new task is asked for
  # every minute, for up to 15 minutes of the backend's clock, before the example judges.
  @SLR-DEL-02
  Rule: Once nothing uses it, IAM deletes the role

    @changes.replication_set @changes.role
    Scenario: After the replication set is deleted, the role can be deleted
      Given an active replication set in the home Region
      And the replication set has been deleted
      When I delete the role through IAM, asking again while the service still holds it
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

    @changes.role
    Scenario: A role that never served a replication set can be deleted
      Given the Incident Manager service-linked role exists
      When I delete the role through IAM, asking again while the service still holds it
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

  @SLR-DEL-03
  Rule: The deletion task is reported as IAM documents it

    @changes.role
    Scenario: The task ID names the role's service and name
      Given the Incident Manager service-linked role exists
      When I request the role's deletion
      Then the deletion task ID has the form "task/aws-service-role/ssm-incidents.amazonaws.com/AWSServiceRoleForIncidentManager/<id>"

    # Telling only while the first task still runs: when it has already ended, IAM may start a
    # new task, so the example is then inconclusive (skipped, with that reason), not failed.
    @changes.role
    Scenario: Asking again while the task runs gives the same task
      Given the Incident Manager service-linked role exists
      When I request the role's deletion
      And I request the role's deletion again while the task is still running
      Then both requests returned the same deletion task ID

    @changes.role
    Scenario: Every status reported is a documented one
      Given the Incident Manager service-linked role exists
      When I request the role's deletion
      And the deletion task finishes
      Then every status reported for the task was one of "SUCCEEDED, IN_PROGRESS, FAILED, NOT_STARTED"

  @SLR-DEL-04
  Rule: Deleting the replication set deletes all Incident Manager data

    @changes.replication_set
    Scenario Outline: The <item> does not survive the replication set
      Given an active replication set in the home Region
      And a <item> exists
      When the replication set is deleted
      And a replication set is created in the home Region
      And the replication set becomes active
      Then the <item> no longer exists

      Examples:
        | item            |
        | response plan   |
        | contact         |
        | escalation plan |
        | incident record |

  @SLR-DEL-05
  Rule: Alarms aimed at a deleted response plan start no incident

    @changes.replication_set
    Scenario: An alarm aimed at a response plan starts an incident
      Given an active replication set in the home Region
      And a response plan exists
      And a CloudWatch alarm whose action is the response plan
      When the alarm goes into the ALARM state
      Then an incident is started from the response plan

    @changes.replication_set
    Scenario: After the replication set is deleted the alarm starts nothing
      Given an active replication set in the home Region
      And a response plan exists
      And a CloudWatch alarm whose action is the response plan
      When the alarm goes into the ALARM state
      Then an incident is started from the response plan
      When the replication set is deleted
      And a replication set is created in the home Region
      And the replication set becomes active
      And the alarm goes into the ALARM state
      Then no incident is started

  @SLR-DEL-06
  Rule: EventBridge rules aimed at a deleted response plan start no incident

    @changes.replication_set
    Scenario: A rule aimed at a response plan starts an incident
      Given an active replication set in the home Region
      And a response plan exists
      And an EventBridge rule whose target is the response plan
      When an event matching the rule is sent
      Then an incident is started from the response plan

    @changes.replication_set
    Scenario: After the replication set is deleted the rule starts nothing
      Given an active replication set in the home Region
      And a response plan exists
      And an EventBridge rule whose target is the response plan
      When an event matching the rule is sent
      Then an incident is started from the response plan
      When the replication set is deleted
      And a replication set is created in the home Region
      And the replication set becomes active
      And an event matching the rule is sent
      Then no incident is started

  # The page describes console steps; their API equivalent, used here, is UpdateReplicationSet
  # with one deleteRegionAction per call.
  @SLR-DEL-07
  Rule: Removing every Region removes the replication set

    @changes.replication_set @needs.clock
    Scenario: Deleting one of two Regions keeps the set
      Given an active replication set in "us-east-1" and "us-west-2"
      And 25 hours have passed
      When the Region "us-west-2" is deleted from the replication set
      Then the replication set becomes active
      And the replication set has only the Region "us-east-1"

    @changes.replication_set @needs.clock
    Scenario: Deleting the final Region deletes the set
      Given an active replication set in the home Region
      And deletion protection is off
      And 25 hours have passed
      When the home Region is deleted from the replication set
      Then the replication set no longer exists

    @changes.replication_set @needs.clock @evidence.guide-replication-set
    Scenario: The final Region stays while deletion protection is on
      Given an active replication set in the home Region
      And deletion protection is on
      And 25 hours have passed
      When I try to delete the home Region from the replication set
      Then the request is refused
      And the replication set still exists
      When deletion protection is turned off
      And I try to delete the home Region from the replication set
      Then the request succeeds
      And the replication set no longer exists

  # No error code is documented for these refusals, so each refused example ends with its own
  # positive control: the same request succeeds once the day has passed.
  @SLR-DEL-08
  Rule: A Region cannot be deleted within a day of being added

    @changes.replication_set @needs.clock
    Scenario: A Region added moments ago cannot be deleted
      Given an active replication set in "us-east-1"
      And 25 hours have passed
      And the Region "us-west-2" has been added to the replication set
      When I try to delete the Region "us-west-2" from the replication set
      Then the request is refused
      And the replication set still has the Region "us-west-2"
      When 25 more hours have passed
      And I try to delete the Region "us-west-2" from the replication set
      Then the request succeeds

    @changes.replication_set @needs.clock
    Scenario: Twenty-three hours after it was added the Region still cannot be deleted
      Given an active replication set in "us-east-1"
      And 25 hours have passed
      And the Region "us-west-2" has been added to the replication set
      And 23 hours have passed
      When I try to delete the Region "us-west-2" from the replication set
      Then the request is refused
      And the replication set still has the Region "us-west-2"
      When 2 more hours have passed
      And I try to delete the Region "us-west-2" from the replication set
      Then the request succeeds

    @changes.replication_set @needs.clock
    Scenario: A day after it was added the Region can be deleted
      Given an active replication set in "us-east-1"
      And 25 hours have passed
      And the Region "us-west-2" has been added to the replication set
      And 25 hours have passed
      When the Region "us-west-2" is deleted from the replication set
      Then the replication set becomes active
      And the replication set has only the Region "us-east-1"
