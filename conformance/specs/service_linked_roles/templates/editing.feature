@section.editing
Feature: Editing a service-linked role
  The service owns its role: IAM refuses to change the role's permissions or trust, or to
  delete it as an ordinary role, with UnmodifiableEntity. The name never changes; the
  description stays editable through IAM.
  Section: "Editing a service-linked role"; IAM API reference: the errors of the role operations.

  @IAM-EDT-01
  Rule: The role's permissions and trust cannot be edited

    @changes.role
    Scenario Outline: IAM refuses every edit of the permissions and trust of <principal>'s role
      Given the service-linked role of "<principal>" exists
      When I try each of these edits on the role
        | edit                          |
        | attach another managed policy |
        | detach its managed policy     |
        | put an inline policy          |
        | set a permissions boundary    |
        | replace the trust policy      |
      Then every request is refused with "UnmodifiableEntity"
      And the role's permissions and trust are unchanged

      # examples: principal

  @IAM-EDT-02
  Rule: The role cannot be deleted as an ordinary role

    @changes.role
    Scenario Outline: IAM DeleteRole is refused for the role of <principal>
      Given the service-linked role of "<principal>" exists
      When I try to delete the role with DeleteRole
      Then the request is refused with "UnmodifiableEntity"
      And the role still exists

      # examples: principal

  @IAM-EDT-03
  Rule: The description can be edited, the name cannot

    @changes.role
    Scenario Outline: The description of <principal>'s role is set through IAM, and the name stays
      Given the service-linked role of "<principal>" exists
      When I set the role's description to "Set with UpdateRoleDescription" with UpdateRoleDescription
      And I set the role's description to "Set with UpdateRole" with UpdateRole
      Then every request succeeds
      And the role's description is "Set with UpdateRole"
      And the role keeps its name, role ID and ARN

      # examples: principal; only: sample

  # The API reference says a service-linked role's maximum sign-in session duration cannot be
  # changed, but not with which error: any error UpdateRole lists is accepted, and so is an
  # answer that changes nothing.
  @IAM-EDT-04
  Rule: The role's maximum sign-in session duration cannot be set

    @changes.role
    Scenario Outline: UpdateRole does not set the sign-in session duration of <principal>'s role
      Given the service-linked role of "<principal>" exists
      When I try to set the role's maximum sign-in session duration to 7200 seconds
      Then the request is refused with an error "UpdateRole" lists, or succeeds
      And the role's maximum sign-in session duration is unchanged

      # examples: principal; only: sample
