# Generated from conformance/specs/service_linked_roles/templates/creating.feature and the
# recorded services (services.toml) by `python -m conformance.tools.slr_features`: edit
# those, not this file. One Examples table per service, tagged @service.<principal>, so
# that `run --service PRINCIPAL` selects that service's examples; a unit test fails
# while this file differs from what the generator writes. Rules that no recording
# varies by service are shown on a sample of three (conformance.tools.slr_features).
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

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 | suffixed_name                            | path                                         |
        | autoscaling.amazonaws.com | AWSServiceRoleForAutoScaling_conformance | /aws-service-role/autoscaling.amazonaws.com/ |

      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             | suffixed_name                              | path                                     |
        | connect.amazonaws.com | AWSServiceRoleForAmazonConnect_conformance | /aws-service-role/connect.amazonaws.com/ |

      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           | suffixed_name                          | path                                   |
        | lexv2.amazonaws.com | AWSServiceRoleForLexV2Bots_conformance | /aws-service-role/lexv2.amazonaws.com/ |

    @changes.role @evidence.observed-roles
    Scenario Outline: <principal> refuses a custom suffix
      Given no service-linked role of "<principal>" exists
      When I ask IAM to create the service-linked role for "<principal>" with the suffix "conformance"
      Then the request is refused with "<suffix_error>"
      And no service-linked role of "<principal>" exists

      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          | suffix_error |
        | accountdiscovery.ssm.amazonaws.com | InvalidInput |

      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         | suffix_error |
        | acm.amazonaws.com | InvalidInput |

      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             | suffix_error |
        | appmesh.amazonaws.com | InvalidInput |

      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       | suffix_error |
        | autoscaling-plans.amazonaws.com | InvalidInput |

      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            | suffix_error |
        | backup.amazonaws.com | InvalidInput |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           | suffix_error |
        | batch.amazonaws.com | InvalidInput |

      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       | suffix_error |
        | cassandra.application-autoscaling.amazonaws.com | InvalidInput |

      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             | suffix_error |
        | cks.kms.amazonaws.com | InvalidInput |

      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                | suffix_error |
        | cloudtrail.amazonaws.com | InvalidInput |

      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            | suffix_error |
        | codestar-notifications.amazonaws.com | InvalidInput |

      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            | suffix_error |
        | config.amazonaws.com | InvalidInput |

      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       | suffix_error |
        | dms-fleet-advisor.amazonaws.com | InvalidInput |

      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         | suffix_error |
        | dms.amazonaws.com | InvalidInput |

      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   | suffix_error |
        | docdb-elastic.amazonaws.com | InvalidInput |

      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          | suffix_error |
        | ec2-instance-connect.amazonaws.com | InvalidInput |

      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 | suffix_error |
        | ec2.application-autoscaling.amazonaws.com | InvalidInput |

      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         | suffix_error |
        | ecr.amazonaws.com | InvalidInput |

      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         | suffix_error |
        | ecs.amazonaws.com | InvalidInput |

      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   | suffix_error |
        | eks-connector.amazonaws.com | InvalidInput |

      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 | suffix_error |
        | eks-fargate.amazonaws.com | InvalidInput |

      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   | suffix_error |
        | eks-nodegroup.amazonaws.com | InvalidInput |

      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         | suffix_error |
        | eks.amazonaws.com | InvalidInput |

      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 | suffix_error |
        | elasticache.amazonaws.com | InvalidInput |

      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      | suffix_error |
        | elasticbeanstalk.amazonaws.com | InvalidInput |

      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       | suffix_error |
        | elasticfilesystem.amazonaws.com | InvalidInput |

      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          | suffix_error |
        | elasticloadbalancing.amazonaws.com | InvalidInput |

      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       | suffix_error |
        | email.cognito-idp.amazonaws.com | InvalidInput |

      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    | suffix_error |
        | emr-containers.amazonaws.com | InvalidInput |

      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            | suffix_error |
        | emrwal.amazonaws.com | InvalidInput |

      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         | suffix_error |
        | fis.amazonaws.com | InvalidInput |

      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             | suffix_error |
        | grafana.amazonaws.com | InvalidInput |

      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  | suffix_error |
        | imagebuilder.amazonaws.com | InvalidInput |

      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            | suffix_error |
        | iotmanagedintegrations.amazonaws.com | InvalidInput |

      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           | suffix_error |
        | kafka.amazonaws.com | InvalidInput |

      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  | suffix_error |
        | kafkaconnect.amazonaws.com | InvalidInput |

      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   | suffix_error |
        | lakeformation.amazonaws.com | InvalidInput |

      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         | suffix_error |
        | lex.amazonaws.com | InvalidInput |

      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               | suffix_error |
        | lightsail.amazonaws.com | InvalidInput |

      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        | suffix_error |
        | m2.amazonaws.com | InvalidInput |

      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              | suffix_error |
        | memorydb.amazonaws.com | InvalidInput |

      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        | suffix_error |
        | mq.amazonaws.com | InvalidInput |

      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             | suffix_error |
        | mrk.kms.amazonaws.com | InvalidInput |

      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   | suffix_error |
        | notifications.amazonaws.com | InvalidInput |

      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        | suffix_error |
        | observability.aoss.amazonaws.com | InvalidInput |

      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       | suffix_error |
        | opensearchservice.amazonaws.com | InvalidInput |

      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    | suffix_error |
        | ops.apigateway.amazonaws.com | InvalidInput |

      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        | suffix_error |
        | ops.emr-serverless.amazonaws.com | InvalidInput |

      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     | suffix_error |
        | opsdatasync.ssm.amazonaws.com | InvalidInput |

      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     | suffix_error |
        | opsinsights.ssm.amazonaws.com | InvalidInput |

      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          | suffix_error |
        | pullthroughcache.ecr.amazonaws.com | InvalidInput |

      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         | suffix_error |
        | ram.amazonaws.com | InvalidInput |

      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         | suffix_error |
        | rds.amazonaws.com | InvalidInput |

      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              | suffix_error |
        | redshift.amazonaws.com | InvalidInput |

      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           | suffix_error |
        | replication.cassandra.amazonaws.com | InvalidInput |

      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     | suffix_error |
        | replication.ecr.amazonaws.com | InvalidInput |

      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     | suffix_error |
        | repository.sync.codeconnections.amazonaws.com | InvalidInput |

      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         | suffix_error |
        | resource-explorer-2.amazonaws.com | InvalidInput |

      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   | suffix_error |
        | rolesanywhere.amazonaws.com | InvalidInput |

      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 | suffix_error |
        | s3-outposts.amazonaws.com | InvalidInput |

      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         | suffix_error |
        | ses.amazonaws.com | InvalidInput |

      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            | suffix_error |
        | shield.amazonaws.com | InvalidInput |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   | suffix_error |
        | ssm-incidents.amazonaws.com | InvalidInput |

      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    | suffix_error |
        | ssm-quicksetup.amazonaws.com | InvalidInput |

      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         | suffix_error |
        | ssm.amazonaws.com | InvalidInput |

      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         | suffix_error |
        | sso.amazonaws.com | InvalidInput |

      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          | suffix_error |
        | vpcorigin.cloudfront.amazonaws.com | InvalidInput |

      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         | suffix_error |
        | waf.amazonaws.com | InvalidInput |

      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           | suffix_error |
        | wafv2.amazonaws.com | InvalidInput |

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

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 |
        | autoscaling.amazonaws.com |

      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             |
        | connect.amazonaws.com |

      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           |
        | lexv2.amazonaws.com |

  @IAM-CRT-04
  Rule: A description given at creation is kept

    @changes.role
    Scenario Outline: The role of <principal> is created with a description
      Given no service-linked role of "<principal>" exists
      When I ask IAM to create the service-linked role for "<principal>" described as "Made by the conformance suite"
      Then the request succeeds
      And the role's description is "Made by the conformance suite"

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
