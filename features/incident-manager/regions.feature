@section.regions
Feature: Supported Regions
  The page says the role works wherever Incident Manager is offered. The Regions below are the
  ones botocore's endpoint data publishes for ssm-incidents; a check of the suite keeps this
  table equal to that data. Section: "Supported Regions for Incident Manager service-linked roles".

  @SLR-RGN-01
  Rule: Every published Region supports the role

    @changes.replication_set @changes.role
    Scenario Outline: A replication set in <region> becomes active and brings the role
      Given no Incident Manager service-linked role exists
      When a replication set is created in "<region>"
      Then the replication set becomes active
      And the Incident Manager service-linked role exists as documented

      Examples:
        | region         |
        | ap-northeast-1 |
        | ap-northeast-2 |
        | ap-south-1     |
        | ap-southeast-1 |
        | ap-southeast-2 |
        | ca-central-1   |
        | eu-central-1   |
        | eu-north-1     |
        | eu-west-1      |
        | eu-west-2      |
        | eu-west-3      |
        | sa-east-1      |
        | us-east-1      |
        | us-east-2      |
        | us-west-1      |
        | us-west-2      |
