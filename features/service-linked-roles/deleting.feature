# Generated from conformance/specs/service_linked_roles/templates/deleting.feature and the
# recorded services (services.toml) by `python -m conformance.tools.slr_features`: edit
# those, not this file. One Examples table per service, tagged @service.<principal>, so
# that `run --service PRINCIPAL` selects that service's examples; a unit test fails
# while this file differs from what the generator writes. Rules that no recording
# varies by service are shown on a sample of three (conformance.tools.slr_features).
@section.deleting
Feature: Deleting a service-linked role
  Deleting a service-linked role through IAM is asynchronous: DeleteServiceLinkedRole starts a
  task named after the role, GetServiceLinkedRoleDeletionStatus reports it, and the task fails
  while the service still uses the role. Asked again while the task runs, IAM returns the
  same task.
  Section: "Deleting a service-linked role"; IAM API reference: DeleteServiceLinkedRole.

  @IAM-DEL-01
  Rule: The deletion task is named after the role

    @changes.role
    Scenario Outline: The deletion task of <principal>'s role names its service and name
      Given the service-linked role of "<principal>" exists
      When I request the role's deletion
      Then the deletion task ID has the form "task/aws-service-role/<principal>/<role_name>/<id>"

      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          | role_name                                   |
        | accountdiscovery.ssm.amazonaws.com | AWSServiceRoleForAmazonSSM_AccountDiscovery |

      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         | role_name                           |
        | acm.amazonaws.com | AWSServiceRoleForCertificateManager |

      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             | role_name                |
        | appmesh.amazonaws.com | AWSServiceRoleForAppMesh |

      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       | role_name                                        |
        | autoscaling-plans.amazonaws.com | AWSServiceRoleForAutoScalingPlans_EC2AutoScaling |

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 | role_name                    |
        | autoscaling.amazonaws.com | AWSServiceRoleForAutoScaling |

      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            | role_name               |
        | backup.amazonaws.com | AWSServiceRoleForBackup |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           | role_name              |
        | batch.amazonaws.com | AWSServiceRoleForBatch |

      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       | role_name                                              |
        | cassandra.application-autoscaling.amazonaws.com | AWSServiceRoleForApplicationAutoScaling_CassandraTable |

      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             | role_name                                            |
        | cks.kms.amazonaws.com | AWSServiceRoleForKeyManagementServiceCustomKeyStores |

      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                | role_name                   |
        | cloudtrail.amazonaws.com | AWSServiceRoleForCloudTrail |

      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            | role_name                              |
        | codestar-notifications.amazonaws.com | AWSServiceRoleForCodeStarNotifications |

      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            | role_name               |
        | config.amazonaws.com | AWSServiceRoleForConfig |

      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             | role_name                      |
        | connect.amazonaws.com | AWSServiceRoleForAmazonConnect |

      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       | role_name                        |
        | dms-fleet-advisor.amazonaws.com | AWSServiceRoleForDMSFleetAdvisor |

      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         | role_name                      |
        | dms.amazonaws.com | AWSServiceRoleForDMSServerless |

      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   | role_name                      |
        | docdb-elastic.amazonaws.com | AWSServiceRoleForDocDB-Elastic |

      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          | role_name                           |
        | ec2-instance-connect.amazonaws.com | AWSServiceRoleForEc2InstanceConnect |

      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 | role_name                                                   |
        | ec2.application-autoscaling.amazonaws.com | AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest |

      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         | role_name                    |
        | ecr.amazonaws.com | AWSServiceRoleForECRTemplate |

      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         | role_name            |
        | ecs.amazonaws.com | AWSServiceRoleForECS |

      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   | role_name                           |
        | eks-connector.amazonaws.com | AWSServiceRoleForAmazonEKSConnector |

      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 | role_name                            |
        | eks-fargate.amazonaws.com | AWSServiceRoleForAmazonEKSForFargate |

      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   | role_name                           |
        | eks-nodegroup.amazonaws.com | AWSServiceRoleForAmazonEKSNodegroup |

      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         | role_name                  |
        | eks.amazonaws.com | AWSServiceRoleForAmazonEKS |

      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 | role_name                    |
        | elasticache.amazonaws.com | AWSServiceRoleForElastiCache |

      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      | role_name                         |
        | elasticbeanstalk.amazonaws.com | AWSServiceRoleForElasticBeanstalk |

      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       | role_name                                |
        | elasticfilesystem.amazonaws.com | AWSServiceRoleForAmazonElasticFileSystem |

      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          | role_name                             |
        | elasticloadbalancing.amazonaws.com | AWSServiceRoleForElasticLoadBalancing |

      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       | role_name                                     |
        | email.cognito-idp.amazonaws.com | AWSServiceRoleForAmazonCognitoIdpEmailService |

      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    | role_name                            |
        | emr-containers.amazonaws.com | AWSServiceRoleForAmazonEMRContainers |

      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            | role_name               |
        | emrwal.amazonaws.com | AWSServiceRoleForEMRWAL |

      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         | role_name            |
        | fis.amazonaws.com | AWSServiceRoleForFIS |

      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             | role_name                      |
        | grafana.amazonaws.com | AWSServiceRoleForAmazonGrafana |

      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  | role_name                     |
        | imagebuilder.amazonaws.com | AWSServiceRoleForImageBuilder |

      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            | role_name                               |
        | iotmanagedintegrations.amazonaws.com | AWSServiceRoleForIoTManagedIntegrations |

      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           | role_name              |
        | kafka.amazonaws.com | AWSServiceRoleForKafka |

      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  | role_name                     |
        | kafkaconnect.amazonaws.com | AWSServiceRoleForKafkaConnect |

      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   | role_name                                |
        | lakeformation.amazonaws.com | AWSServiceRoleForLakeFormationDataAccess |

      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         | role_name                |
        | lex.amazonaws.com | AWSServiceRoleForLexBots |

      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           | role_name                  |
        | lexv2.amazonaws.com | AWSServiceRoleForLexV2Bots |

      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               | role_name                  |
        | lightsail.amazonaws.com | AWSServiceRoleForLightsail |

      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        | role_name              |
        | m2.amazonaws.com | AWSServiceRoleForAWSM2 |

      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              | role_name                 |
        | memorydb.amazonaws.com | AWSServiceRoleForMemoryDB |

      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        | role_name                 |
        | mq.amazonaws.com | AWSServiceRoleForAmazonMQ |

      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             | role_name                                            |
        | mrk.kms.amazonaws.com | AWSServiceRoleForKeyManagementServiceMultiRegionKeys |

      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   | role_name                             |
        | notifications.amazonaws.com | AWSServiceRoleForAwsUserNotifications |

      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        | role_name                                   |
        | observability.aoss.amazonaws.com | AWSServiceRoleForAmazonOpenSearchServerless |

      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       | role_name                                |
        | opensearchservice.amazonaws.com | AWSServiceRoleForAmazonOpenSearchService |

      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    | role_name                   |
        | ops.apigateway.amazonaws.com | AWSServiceRoleForAPIGateway |

      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        | role_name                            |
        | ops.emr-serverless.amazonaws.com | AWSServiceRoleForAmazonEMRServerless |

      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     | role_name                                  |
        | opsdatasync.ssm.amazonaws.com | AWSServiceRoleForSystemsManagerOpsDataSync |

      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     | role_name                              |
        | opsinsights.ssm.amazonaws.com | AWSServiceRoleForAmazonSSM_OpsInsights |

      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          | role_name                            |
        | pullthroughcache.ecr.amazonaws.com | AWSServiceRoleForECRPullThroughCache |

      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         | role_name                              |
        | ram.amazonaws.com | AWSServiceRoleForResourceAccessManager |

      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         | role_name            |
        | rds.amazonaws.com | AWSServiceRoleForRDS |

      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              | role_name                 |
        | redshift.amazonaws.com | AWSServiceRoleForRedshift |

      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           | role_name                             |
        | replication.cassandra.amazonaws.com | AWSServiceRoleForKeyspacesReplication |

      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     | role_name                       |
        | replication.ecr.amazonaws.com | AWSServiceRoleForECRReplication |

      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     | role_name                |
        | repository.sync.codeconnections.amazonaws.com | AWSServiceRoleForGitSync |

      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         | role_name                         |
        | resource-explorer-2.amazonaws.com | AWSServiceRoleForResourceExplorer |

      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   | role_name                      |
        | rolesanywhere.amazonaws.com | AWSServiceRoleForRolesAnywhere |

      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 | role_name                     |
        | s3-outposts.amazonaws.com | AWSServiceRoleForS3OnOutposts |

      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         | role_name                  |
        | ses.amazonaws.com | AWSServiceRoleForAmazonSES |

      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            | role_name                  |
        | shield.amazonaws.com | AWSServiceRoleForAWSShield |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   | role_name                        |
        | ssm-incidents.amazonaws.com | AWSServiceRoleForIncidentManager |

      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    | role_name                      |
        | ssm-quicksetup.amazonaws.com | AWSServiceRoleForSSMQuickSetup |

      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         | role_name                  |
        | ssm.amazonaws.com | AWSServiceRoleForAmazonSSM |

      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         | role_name            |
        | sso.amazonaws.com | AWSServiceRoleForSSO |

      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          | role_name                            |
        | vpcorigin.cloudfront.amazonaws.com | AWSServiceRoleForCloudFrontVPCOrigin |

      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         | role_name                   |
        | waf.amazonaws.com | AWSServiceRoleForWAFLogging |

      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           | role_name                     |
        | wafv2.amazonaws.com | AWSServiceRoleForWAFV2Logging |

  # A service may still use its role, so a task that ends FAILED is legal; what it must not do
  # is report an undocumented status, or end SUCCEEDED and leave the role (or FAILED and not).
  @IAM-DEL-02
  Rule: The deletion task ends as documented

    @changes.role
    Scenario Outline: The deletion of <principal>'s role ends as IAM documents
      Given the service-linked role of "<principal>" exists
      When I request the role's deletion
      And the deletion task finishes
      Then every status reported for the task was one of "SUCCEEDED, IN_PROGRESS, FAILED, NOT_STARTED"
      And the deletion task ended SUCCEEDED with the role gone, or FAILED with the role kept

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

  @IAM-DEL-03
  Rule: A role nothing uses is deleted

    @changes.role @evidence.observed-deletion @service.batch.amazonaws.com
    Scenario: The role of batch.amazonaws.com is deleted, as AWS recorded
      Given the service-linked role of "batch.amazonaws.com" exists
      When I request the role's deletion
      And the deletion task finishes
      Then the deletion task ended "SUCCEEDED"
      And the role no longer exists

  # Telling only while the first task still runs: when it has already ended, IAM may start a
  # new task, so the example is then inconclusive (skipped, with that reason), not failed.
  @IAM-DEL-04
  Rule: Asking again while the task runs gives the same task

    @changes.role
    Scenario Outline: A second deletion request for <principal>'s role returns the running task
      Given the service-linked role of "<principal>" exists
      When I request the role's deletion
      And I request the role's deletion again while the task is still running
      Then both requests returned the same deletion task ID

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
