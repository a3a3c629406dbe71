# Generated from conformance/specs/service_linked_roles/templates/editing.feature and the
# recorded services (services.toml) by `python -m conformance.tools.slr_features`: edit
# those, not this file. One Examples table per service, tagged @service.<principal>, so
# that `run --service PRINCIPAL` selects that service's examples; a unit test fails
# while this file differs from what the generator writes. Rules that no recording
# varies by service are shown on a sample of three (conformance.tools.slr_features).
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

      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          |
        | accountdiscovery.ssm.amazonaws.com |

      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         |
        | acm.amazonaws.com |

      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             |
        | appmesh.amazonaws.com |

      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       |
        | autoscaling-plans.amazonaws.com |

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 |
        | autoscaling.amazonaws.com |

      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            |
        | backup.amazonaws.com |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           |
        | batch.amazonaws.com |

      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       |
        | cassandra.application-autoscaling.amazonaws.com |

      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             |
        | cks.kms.amazonaws.com |

      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                |
        | cloudtrail.amazonaws.com |

      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            |
        | codestar-notifications.amazonaws.com |

      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            |
        | config.amazonaws.com |

      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             |
        | connect.amazonaws.com |

      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       |
        | dms-fleet-advisor.amazonaws.com |

      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         |
        | dms.amazonaws.com |

      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   |
        | docdb-elastic.amazonaws.com |

      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          |
        | ec2-instance-connect.amazonaws.com |

      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 |
        | ec2.application-autoscaling.amazonaws.com |

      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         |
        | ecr.amazonaws.com |

      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         |
        | ecs.amazonaws.com |

      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   |
        | eks-connector.amazonaws.com |

      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 |
        | eks-fargate.amazonaws.com |

      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   |
        | eks-nodegroup.amazonaws.com |

      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         |
        | eks.amazonaws.com |

      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 |
        | elasticache.amazonaws.com |

      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      |
        | elasticbeanstalk.amazonaws.com |

      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       |
        | elasticfilesystem.amazonaws.com |

      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          |
        | elasticloadbalancing.amazonaws.com |

      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       |
        | email.cognito-idp.amazonaws.com |

      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    |
        | emr-containers.amazonaws.com |

      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            |
        | emrwal.amazonaws.com |

      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         |
        | fis.amazonaws.com |

      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             |
        | grafana.amazonaws.com |

      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  |
        | imagebuilder.amazonaws.com |

      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            |
        | iotmanagedintegrations.amazonaws.com |

      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           |
        | kafka.amazonaws.com |

      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  |
        | kafkaconnect.amazonaws.com |

      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   |
        | lakeformation.amazonaws.com |

      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         |
        | lex.amazonaws.com |

      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           |
        | lexv2.amazonaws.com |

      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               |
        | lightsail.amazonaws.com |

      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        |
        | m2.amazonaws.com |

      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              |
        | memorydb.amazonaws.com |

      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        |
        | mq.amazonaws.com |

      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             |
        | mrk.kms.amazonaws.com |

      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   |
        | notifications.amazonaws.com |

      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        |
        | observability.aoss.amazonaws.com |

      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       |
        | opensearchservice.amazonaws.com |

      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    |
        | ops.apigateway.amazonaws.com |

      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        |
        | ops.emr-serverless.amazonaws.com |

      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     |
        | opsdatasync.ssm.amazonaws.com |

      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     |
        | opsinsights.ssm.amazonaws.com |

      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          |
        | pullthroughcache.ecr.amazonaws.com |

      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         |
        | ram.amazonaws.com |

      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         |
        | rds.amazonaws.com |

      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              |
        | redshift.amazonaws.com |

      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           |
        | replication.cassandra.amazonaws.com |

      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     |
        | replication.ecr.amazonaws.com |

      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     |
        | repository.sync.codeconnections.amazonaws.com |

      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         |
        | resource-explorer-2.amazonaws.com |

      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   |
        | rolesanywhere.amazonaws.com |

      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 |
        | s3-outposts.amazonaws.com |

      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         |
        | ses.amazonaws.com |

      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            |
        | shield.amazonaws.com |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   |
        | ssm-incidents.amazonaws.com |

      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    |
        | ssm-quicksetup.amazonaws.com |

      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         |
        | ssm.amazonaws.com |

      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         |
        | sso.amazonaws.com |

      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          |
        | vpcorigin.cloudfront.amazonaws.com |

      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         |
        | waf.amazonaws.com |

      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           |
        | wafv2.amazonaws.com |

  @IAM-EDT-02
  Rule: The role cannot be deleted as an ordinary role

    @changes.role
    Scenario Outline: IAM DeleteRole is refused for the role of <principal>
      Given the service-linked role of "<principal>" exists
      When I try to delete the role with DeleteRole
      Then the request is refused with "UnmodifiableEntity"
      And the role still exists

      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          |
        | accountdiscovery.ssm.amazonaws.com |

      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         |
        | acm.amazonaws.com |

      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             |
        | appmesh.amazonaws.com |

      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       |
        | autoscaling-plans.amazonaws.com |

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 |
        | autoscaling.amazonaws.com |

      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            |
        | backup.amazonaws.com |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           |
        | batch.amazonaws.com |

      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       |
        | cassandra.application-autoscaling.amazonaws.com |

      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             |
        | cks.kms.amazonaws.com |

      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                |
        | cloudtrail.amazonaws.com |

      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            |
        | codestar-notifications.amazonaws.com |

      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            |
        | config.amazonaws.com |

      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             |
        | connect.amazonaws.com |

      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       |
        | dms-fleet-advisor.amazonaws.com |

      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         |
        | dms.amazonaws.com |

      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   |
        | docdb-elastic.amazonaws.com |

      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          |
        | ec2-instance-connect.amazonaws.com |

      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 |
        | ec2.application-autoscaling.amazonaws.com |

      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         |
        | ecr.amazonaws.com |

      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         |
        | ecs.amazonaws.com |

      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   |
        | eks-connector.amazonaws.com |

      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 |
        | eks-fargate.amazonaws.com |

      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   |
        | eks-nodegroup.amazonaws.com |

      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         |
        | eks.amazonaws.com |

      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 |
        | elasticache.amazonaws.com |

      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      |
        | elasticbeanstalk.amazonaws.com |

      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       |
        | elasticfilesystem.amazonaws.com |

      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          |
        | elasticloadbalancing.amazonaws.com |

      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       |
        | email.cognito-idp.amazonaws.com |

      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    |
        | emr-containers.amazonaws.com |

      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            |
        | emrwal.amazonaws.com |

      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         |
        | fis.amazonaws.com |

      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             |
        | grafana.amazonaws.com |

      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  |
        | imagebuilder.amazonaws.com |

      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            |
        | iotmanagedintegrations.amazonaws.com |

      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           |
        | kafka.amazonaws.com |

      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  |
        | kafkaconnect.amazonaws.com |

      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   |
        | lakeformation.amazonaws.com |

      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         |
        | lex.amazonaws.com |

      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           |
        | lexv2.amazonaws.com |

      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               |
        | lightsail.amazonaws.com |

      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        |
        | m2.amazonaws.com |

      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              |
        | memorydb.amazonaws.com |

      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        |
        | mq.amazonaws.com |

      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             |
        | mrk.kms.amazonaws.com |

      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   |
        | notifications.amazonaws.com |

      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        |
        | observability.aoss.amazonaws.com |

      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       |
        | opensearchservice.amazonaws.com |

      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    |
        | ops.apigateway.amazonaws.com |

      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        |
        | ops.emr-serverless.amazonaws.com |

      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     |
        | opsdatasync.ssm.amazonaws.com |

      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     |
        | opsinsights.ssm.amazonaws.com |

      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          |
        | pullthroughcache.ecr.amazonaws.com |

      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         |
        | ram.amazonaws.com |

      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         |
        | rds.amazonaws.com |

      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              |
        | redshift.amazonaws.com |

      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           |
        | replication.cassandra.amazonaws.com |

      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     |
        | replication.ecr.amazonaws.com |

      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     |
        | repository.sync.codeconnections.amazonaws.com |

      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         |
        | resource-explorer-2.amazonaws.com |

      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   |
        | rolesanywhere.amazonaws.com |

      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 |
        | s3-outposts.amazonaws.com |

      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         |
        | ses.amazonaws.com |

      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            |
        | shield.amazonaws.com |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   |
        | ssm-incidents.amazonaws.com |

      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    |
        | ssm-quicksetup.amazonaws.com |

      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         |
        | ssm.amazonaws.com |

      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         |
        | sso.amazonaws.com |

      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          |
        | vpcorigin.cloudfront.amazonaws.com |

      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         |
        | waf.amazonaws.com |

      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           |
        | wafv2.amazonaws.com |

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

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 |
        | autoscaling.amazonaws.com |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           |
        | batch.amazonaws.com |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   |
        | ssm-incidents.amazonaws.com |

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

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 |
        | autoscaling.amazonaws.com |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           |
        | batch.amazonaws.com |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   |
        | ssm-incidents.amazonaws.com |
