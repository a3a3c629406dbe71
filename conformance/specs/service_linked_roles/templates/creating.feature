@section.creating
Feature: Creating a service-linked role
  Where a service does not create its role itself, IAM's CreateServiceLinkedRole does, naming
  the service by its principal. The service decides how far the name can be customised: a
  fixed name, or a prefix with an optional suffix. Role names are unique in an account
  whatever their case, and a description may be given at creation.
  Section: "Creating a service-linked role"; IAM API reference: CreateServiceLinkedRole.

  # Three of the 71 recorded services accepted a custom suffix; the other 68 refused it with
  # InvalidInput. Each service is held to its own recorded answer.
  @IAM-CRT-01
  Rule: A custom suffix is answered as the service answered it

    @changes.role @evidence.observed-roles
    Scenario Outline: <principal> takes a custom suffix after its role name
      Given no service-linked role of "<principal>" exists
      When I ask IAM to create the service-linked role for "<principal>" with the suffix "conformance"
      Then the request succeeds
      And the role's name is "<suffixed_name>"
      And the role's path is "<path>"

      # examples: principal, suffixed_name, path; only: suffix accepted

    @changes.role @evidence.observed-roles
    Scenario Outline: <principal> refuses a custom suffix
      Given no service-linked role of "<principal>" exists
      When I ask IAM to create the service-linked role for "<principal>" with the suffix "conformance"
      Then the request is refused with "<suffix_error>"
      And no service-linked role of "<principal>" exists

      # examples: principal, suffix_error; only: suffix refused

  # AWS recorded the refusal of a second role for batch.amazonaws.com only (InvalidInput): for
  # the other services the refusal is asserted, and its code only as one the API lists.
  @IAM-CRT-02
  Rule: A second role for the same service is refused

    @changes.role
    Scenario Outline: Asking again for the role of <principal> is refused
      Given the service-linked role of "<principal>" exists
      When I ask IAM to create the service-linked role for "<principal>"
      Then the request is refused with an error "CreateServiceLinkedRole" lists
      And exactly one role exists on the service-linked path of "<principal>"

      # examples: principal

    @changes.role @evidence.observed-duplicate @service.batch.amazonaws.com
    Scenario: Asking again for the role of batch.amazonaws.com is refused as AWS recorded
      Given the service-linked role of "batch.amazonaws.com" exists
      When I ask IAM to create the service-linked role for "batch.amazonaws.com"
      Then the request is refused with "InvalidInput"
      And exactly one role exists on the service-linked path of "batch.amazonaws.com"

  # The guide's own example: suffixes SAMPLE and sample cannot both be used. It names no error
  # code, so any error CreateServiceLinkedRole lists is accepted.
  @IAM-CRT-03
  Rule: Role names are unique whatever their letter case

    @changes.role
    Scenario Outline: <principal> refuses a suffix that differs from a used one only in case
      Given the service-linked role of "<principal>" with the suffix "SAMPLE" exists
      When I ask IAM to create the service-linked role for "<principal>" with the suffix "sample"
      Then the request is refused with an error "CreateServiceLinkedRole" lists
      And exactly one role exists on the service-linked path of "<principal>"

      # examples: principal; only: suffix accepted

  @IAM-CRT-04
  Rule: A description given at creation is kept

    @changes.role
    Scenario Outline: The role of <principal> is created with a description
      Given no service-linked role of "<principal>" exists
      When I ask IAM to create the service-linked role for "<principal>" described as "Made by the conformance suite"
      Then the request succeeds
      And the role's description is "Made by the conformance suite"

      # examples: principal; only: sample
