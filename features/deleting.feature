@section.deleting
Feature: Deleting the service-linked role
  The page asks for the replication set to go before the role: deleting the set removes all of
  Incident Manager's data, silences the alarms and EventBridge rules that pointed at its
  response plans, and takes every Region with it. A deletion that fails because the service
  is still busy with the role works when tried again a little later; after that, IAM deletes
  the role. Section: "Deleting a service-linked role for Incident Manager".

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

  @SLR-DEL-02
  Rule: Once nothing uses it, IAM deletes the role

    @changes.replication_set @changes.role
    Scenario: After the replication set is deleted, the role can be deleted
      Given an active replication set in the home Region
      And the replication set has been deleted
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

    @changes.role
    Scenario: A role that never served a replication set can be deleted
      Given the Incident Manager service-linked role exists
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

  @SLR-DEL-03
  Rule: The deletion task is reported as IAM documents it

    @changes.role
    Scenario: The task ID names the role's service and name
      Given the Incident Manager service-linked role exists
      When I request the role's deletion
      Then the deletion task ID has the form "task/aws-service-role/ssm-incidents.amazonaws.com/AWSServiceRoleForIncidentManager/<id>"

    @changes.role
    Scenario: Asking again while the task runs gives the same task
      Given the Incident Manager service-linked role exists
      When I request the role's deletion
      And I request the role's deletion again before the task finishes
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

    @changes.replication_set @needs.clock
    Scenario: The final Region stays while deletion protection is on
      Given an active replication set in the home Region
      And deletion protection is on
      And 25 hours have passed
      When I try to delete the home Region from the replication set
      Then the request is refused
      And the replication set still exists

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

    @changes.replication_set @needs.clock
    Scenario: Twenty-three hours after it was added the Region still cannot be deleted
      Given an active replication set in "us-east-1"
      And 25 hours have passed
      And the Region "us-west-2" has been added to the replication set
      And 23 hours have passed
      When I try to delete the Region "us-west-2" from the replication set
      Then the request is refused
      And the replication set still has the Region "us-west-2"

    @changes.replication_set @needs.clock
    Scenario: A day after it was added the Region can be deleted
      Given an active replication set in "us-east-1"
      And 25 hours have passed
      And the Region "us-west-2" has been added to the replication set
      And 25 hours have passed
      When the Region "us-west-2" is deleted from the replication set
      Then the replication set becomes active
      And the replication set has only the Region "us-east-1"

  @SLR-DEL-09
  Rule: A deletion that fails because the role is in use succeeds a few minutes later

    @changes.replication_set @changes.role @needs.faults
    Scenario: The retry succeeds once the service lets go of the role
      Given an active replication set in the home Region
      And the replication set has been deleted
      And the service keeps using the role for 3 more minutes
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "FAILED"
      When 5 minutes have passed
      And I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

    @changes.replication_set @changes.role @needs.faults
    Scenario: The failed attempt leaves the role in place
      Given an active replication set in the home Region
      And the replication set has been deleted
      And the service keeps using the role for 3 more minutes
      When I request the role's deletion
      And the deletion task finishes
      Then the role still exists
