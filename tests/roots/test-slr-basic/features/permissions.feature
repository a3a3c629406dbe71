Feature: Service-linked role permissions
  A two-rule extract, enough to exercise the directive.

  @SLR-PRM-01
  Rule: The role is named AWSServiceRoleForIncidentManager

    Scenario: The role carries the documented name
      Given the Incident Manager service-linked role exists
      Then the role's name is "AWSServiceRoleForIncidentManager"

  @SLR-PRM-03
  Rule: The policy lets the service list incident records and add timeline events

    Scenario Outline: The policy allows <action> on every resource
      Given the Incident Manager service-linked role exists
      Then the role's policy allows "<action>" on every resource

      Examples: incident actions
        | action                            |
        | ssm-incidents:ListIncidentRecords |
        | ssm-incidents:CreateTimelineEvent |
