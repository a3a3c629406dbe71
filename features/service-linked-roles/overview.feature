# Generated from conformance/specs/service_linked_roles/templates/overview.feature and the
# recorded services (services.toml) by `python -m conformance.tools.slr_features`: edit
# those, not this file. One Examples table per service, tagged @service.<principal>, so
# that `run --service PRINCIPAL` selects that service's examples; a unit test fails
# while this file differs from what the generator writes. Rules that no recording
# varies by service are shown on a sample of three (conformance.tools.slr_features).
@section.overview
Feature: Overview: what a service-linked role is
  IAM's guide opens by saying what every service-linked role is: a role tied to one service,
  predefined by it with the permissions it needs, owned by it (administrators see its
  permissions but cannot change them), assumable by that service alone, and holding a policy
  that attaches to nothing else. Section: "Using service-linked roles" (introduction).

  # The values in the tables are what AWS answered when it created each service's role
  # (recorded 2025-03-13), never a pattern: IAM warns that a service principal's form varies.
  @IAM-OVR-01
  Rule: The role IAM creates is the service's, on the service's path

    @changes.role @evidence.observed-roles
    Scenario Outline: The role of <principal> is named and placed as AWS recorded it
      Given the service-linked role of "<principal>" exists
      Then the role's name is "<role_name>"
      And the role's path is "<path>"
      And the role's ARN names this account, the role's path and the role's name
      And the role's maximum session duration is <max_session_duration> seconds

      # role_name: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-2.html#service-linked-role-permissions-service-action-2) agrees with the recording
      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          | role_name                                   | path                                                  | max_session_duration |
        | accountdiscovery.ssm.amazonaws.com | AWSServiceRoleForAmazonSSM_AccountDiscovery | /aws-service-role/accountdiscovery.ssm.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/acm/latest/userguide/acm-slr.html) agrees with the recording
      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         | role_name                           | path                                 | max_session_duration |
        | acm.amazonaws.com | AWSServiceRoleForCertificateManager | /aws-service-role/acm.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/app-mesh/latest/userguide/using-service-linked-roles.html) agrees with the recording
      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             | role_name                | path                                     | max_session_duration |
        | appmesh.amazonaws.com | AWSServiceRoleForAppMesh | /aws-service-role/appmesh.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/autoscaling/plans/userguide/aws-auto-scaling-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       | role_name                                        | path                                               | max_session_duration |
        | autoscaling-plans.amazonaws.com | AWSServiceRoleForAutoScalingPlans_EC2AutoScaling | /aws-service-role/autoscaling-plans.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html#service-linked-role-permissions) agrees with the recording
      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 | role_name                    | path                                         | max_session_duration |
        | autoscaling.amazonaws.com | AWSServiceRoleForAutoScaling | /aws-service-role/autoscaling.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackup.html) agrees with the recording
      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            | role_name               | path                                    | max_session_duration |
        | backup.amazonaws.com | AWSServiceRoleForBackup | /aws-service-role/backup.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles-batch-general.html#service-linked-role-permissions-batch-general) agrees with the recording
      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           | role_name              | path                                   | max_session_duration |
        | batch.amazonaws.com | AWSServiceRoleForBatch | /aws-service-role/batch.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html#specify-service-linked-role) agrees with the recording
      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       | role_name                                              | path                                                               | max_session_duration |
        | cassandra.application-autoscaling.amazonaws.com | AWSServiceRoleForApplicationAutoScaling_CassandraTable | /aws-service-role/cassandra.application-autoscaling.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/kms/latest/developerguide/authorize-kms.html#about-key-store-slr) agrees with the recording
      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             | role_name                                            | path                                     | max_session_duration |
        | cks.kms.amazonaws.com | AWSServiceRoleForKeyManagementServiceCustomKeyStores | /aws-service-role/cks.kms.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/using-service-linked-roles-create-slr-for-org-trails.html) agrees with the recording
      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                | role_name                   | path                                        | max_session_duration |
        | cloudtrail.amazonaws.com | AWSServiceRoleForCloudTrail | /aws-service-role/cloudtrail.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/dtconsole/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            | role_name                              | path                                                    | max_session_duration |
        | codestar-notifications.amazonaws.com | AWSServiceRoleForCodeStarNotifications | /aws-service-role/codestar-notifications.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles-config.html#slr-permissions) gives AwsServiceRoleForConfig, an erratum (case); the recording is checked
      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            | role_name               | path                                    | max_session_duration |
        | config.amazonaws.com | AWSServiceRoleForConfig | /aws-service-role/config.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/connect/latest/adminguide/connect-slr.html#slr-permissions) agrees with the recording
      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             | role_name                      | path                                     | max_session_duration |
        | connect.amazonaws.com | AWSServiceRoleForAmazonConnect | /aws-service-role/connect.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/dms/latest/userguide/slr-services-fa.html#slr-services-fa) agrees with the recording
      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       | role_name                        | path                                               | max_session_duration |
        | dms-fleet-advisor.amazonaws.com | AWSServiceRoleForDMSFleetAdvisor | /aws-service-role/dms-fleet-advisor.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/dms/latest/userguide/slr-services-sl.html#slr-services-sl) agrees with the recording
      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         | role_name                      | path                                 | max_session_duration |
        | dms.amazonaws.com | AWSServiceRoleForDMSServerless | /aws-service-role/dms.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/documentdb/latest/developerguide/elastic-service-linked-roles.html) agrees with the recording
      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   | role_name                      | path                                           | max_session_duration |
        | docdb-elastic.amazonaws.com | AWSServiceRoleForDocDB-Elastic | /aws-service-role/docdb-elastic.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-slr.html) gives AWSServiceRoleForEC2InstanceConnect, an erratum (case); the recording is checked
      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          | role_name                           | path                                                  | max_session_duration |
        | ec2-instance-connect.amazonaws.com | AWSServiceRoleForEc2InstanceConnect | /aws-service-role/ec2-instance-connect.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html#specify-service-linked-role) agrees with the recording
      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 | role_name                                                   | path                                                         | max_session_duration |
        | ec2.application-autoscaling.amazonaws.com | AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest | /aws-service-role/ec2.application-autoscaling.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-rct.html) agrees with the recording
      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         | role_name                    | path                                 | max_session_duration |
        | ecr.amazonaws.com | AWSServiceRoleForECRTemplate | /aws-service-role/ecr.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles-for-clusters.html#service-linked-role-permissions-clusters) agrees with the recording
      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         | role_name            | path                                 | max_session_duration |
        | ecs.amazonaws.com | AWSServiceRoleForECS | /aws-service-role/ecs.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-connector.html#service-linked-role-permissions-eks-connector) agrees with the recording
      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   | role_name                           | path                                           | max_session_duration |
        | eks-connector.amazonaws.com | AWSServiceRoleForAmazonEKSConnector | /aws-service-role/eks-connector.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-fargate.html#service-linked-role-permissions-eks-fargate) agrees with the recording
      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 | role_name                            | path                                         | max_session_duration |
        | eks-fargate.amazonaws.com | AWSServiceRoleForAmazonEKSForFargate | /aws-service-role/eks-fargate.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-nodegroups.html#service-linked-role-permissions-eks-nodegroups) agrees with the recording
      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   | role_name                           | path                                           | max_session_duration |
        | eks-nodegroup.amazonaws.com | AWSServiceRoleForAmazonEKSNodegroup | /aws-service-role/eks-nodegroup.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks.html#service-linked-role-permissions-eks) agrees with the recording
      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         | role_name                  | path                                 | max_session_duration |
        | eks.amazonaws.com | AWSServiceRoleForAmazonEKS | /aws-service-role/eks.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/using-service-linked-roles.html) agrees with the recording
      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 | role_name                    | path                                         | max_session_duration |
        | elasticache.amazonaws.com | AWSServiceRoleForElastiCache | /aws-service-role/elasticache.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-service-linked-roles-monitoring.html#service-linked-role-permissions-monitoring) agrees with the recording
      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      | role_name                         | path                                              | max_session_duration |
        | elasticbeanstalk.amazonaws.com | AWSServiceRoleForElasticBeanstalk | /aws-service-role/elasticbeanstalk.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/efs/latest/ug/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       | role_name                                | path                                               | max_session_duration |
        | elasticfilesystem.amazonaws.com | AWSServiceRoleForAmazonElasticFileSystem | /aws-service-role/elasticfilesystem.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          | role_name                             | path                                                  | max_session_duration |
        | elasticloadbalancing.amazonaws.com | AWSServiceRoleForElasticLoadBalancing | /aws-service-role/elasticloadbalancing.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/cognito/latest/developerguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       | role_name                                     | path                                               | max_session_duration |
        | email.cognito-idp.amazonaws.com | AWSServiceRoleForAmazonCognitoIdpEmailService | /aws-service-role/email.cognito-idp.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    | role_name                            | path                                            | max_session_duration |
        | emr-containers.amazonaws.com | AWSServiceRoleForAmazonEMRContainers | /aws-service-role/emr-containers.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/emr/latest/ManagementGuide/using-service-linked-roles-wal.html#using-service-linked-roles-permissions-wal) agrees with the recording
      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            | role_name               | path                                    | max_session_duration |
        | emrwal.amazonaws.com | AWSServiceRoleForEMRWAL | /aws-service-role/emrwal.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/fis/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         | role_name            | path                                 | max_session_duration |
        | fis.amazonaws.com | AWSServiceRoleForFIS | /aws-service-role/fis.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/grafana/latest/userguide/using-service-linked-roles.html#slr-permissions) gives AmazonManagedGrafana, an erratum (not-the-recorded-name); the recording is checked
      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             | role_name                      | path                                     | max_session_duration |
        | grafana.amazonaws.com | AWSServiceRoleForAmazonGrafana | /aws-service-role/grafana.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/imagebuilder/latest/userguide/image-builder-service-linked-role.html#image-builder-slr-permissions) agrees with the recording
      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  | role_name                     | path                                          | max_session_duration |
        | imagebuilder.amazonaws.com | AWSServiceRoleForImageBuilder | /aws-service-role/imagebuilder.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/iot-mi/latest/devguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            | role_name                               | path                                                    | max_session_duration |
        | iotmanagedintegrations.amazonaws.com | AWSServiceRoleForIoTManagedIntegrations | /aws-service-role/iotmanagedintegrations.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/msk/latest/developerguide/slr-permissions.html#slr-permissions) agrees with the recording
      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           | role_name              | path                                   | max_session_duration |
        | kafka.amazonaws.com | AWSServiceRoleForKafka | /aws-service-role/kafka.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/msk/latest/developerguide/mkc-using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  | role_name                     | path                                          | max_session_duration |
        | kafkaconnect.amazonaws.com | AWSServiceRoleForKafkaConnect | /aws-service-role/kafkaconnect.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/lake-formation/latest/dg/service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   | role_name                                | path                                           | max_session_duration |
        | lakeformation.amazonaws.com | AWSServiceRoleForLakeFormationDataAccess | /aws-service-role/lakeformation.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/lex/latest/dg/using-service-linked-roles.html) agrees with the recording
      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         | role_name                | path                                 | max_session_duration |
        | lex.amazonaws.com | AWSServiceRoleForLexBots | /aws-service-role/lex.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/lexv2/latest/dg/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           | role_name                  | path                                   | max_session_duration |
        | lexv2.amazonaws.com | AWSServiceRoleForLexV2Bots | /aws-service-role/lexv2.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               | role_name                  | path                                       | max_session_duration |
        | lightsail.amazonaws.com | AWSServiceRoleForLightsail | /aws-service-role/lightsail.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/m2/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        | role_name              | path                                | max_session_duration |
        | m2.amazonaws.com | AWSServiceRoleForAWSM2 | /aws-service-role/m2.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/memorydb/latest/devguide/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              | role_name                 | path                                      | max_session_duration |
        | memorydb.amazonaws.com | AWSServiceRoleForMemoryDB | /aws-service-role/memorydb.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-service-linked-roles.html) agrees with the recording
      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        | role_name                 | path                                | max_session_duration |
        | mq.amazonaws.com | AWSServiceRoleForAmazonMQ | /aws-service-role/mq.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-auth-slr.html#about-multi-region-slr) agrees with the recording
      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             | role_name                                            | path                                     | max_session_duration |
        | mrk.kms.amazonaws.com | AWSServiceRoleForKeyManagementServiceMultiRegionKeys | /aws-service-role/mrk.kms.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/notifications/latest/userguide/slr-call-services.html#slr-permissions) gives AWSServiceRoleForAWSUserNotifications, an erratum (case); the recording is checked
      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   | role_name                             | path                                           | max_session_duration |
        | notifications.amazonaws.com | AWSServiceRoleForAwsUserNotifications | /aws-service-role/notifications.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-service-linked-roles.html#serverless-slr-permissions) agrees with the recording
      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        | role_name                                   | path                                                | max_session_duration |
        | observability.aoss.amazonaws.com | AWSServiceRoleForAmazonOpenSearchServerless | /aws-service-role/observability.aoss.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/slr-aos.html#slr-permissions) agrees with the recording
      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       | role_name                                | path                                               | max_session_duration |
        | opensearchservice.amazonaws.com | AWSServiceRoleForAmazonOpenSearchService | /aws-service-role/opensearchservice.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/apigateway/latest/developerguide/using-service-linked-roles.html) agrees with the recording
      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    | role_name                   | path                                            | max_session_duration |
        | ops.apigateway.amazonaws.com | AWSServiceRoleForAPIGateway | /aws-service-role/ops.apigateway.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        | role_name                            | path                                                | max_session_duration |
        | ops.emr-serverless.amazonaws.com | AWSServiceRoleForAmazonEMRServerless | /aws-service-role/ops.emr-serverless.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-3.html#slr-permissions-service-action-3) agrees with the recording
      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     | role_name                                  | path                                             | max_session_duration |
        | opsdatasync.ssm.amazonaws.com | AWSServiceRoleForSystemsManagerOpsDataSync | /aws-service-role/opsdatasync.ssm.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-4.html#service-linked-role-permissions-service-action-4) agrees with the recording
      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     | role_name                              | path                                             | max_session_duration |
        | opsinsights.ssm.amazonaws.com | AWSServiceRoleForAmazonSSM_OpsInsights | /aws-service-role/opsinsights.ssm.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-pullthroughcache.html) agrees with the recording
      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          | role_name                            | path                                                  | max_session_duration |
        | pullthroughcache.ecr.amazonaws.com | AWSServiceRoleForECRPullThroughCache | /aws-service-role/pullthroughcache.ecr.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/ram/latest/userguide/security-iam-service-linked-roles.html) agrees with the recording
      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         | role_name                              | path                                 | max_session_duration |
        | ram.amazonaws.com | AWSServiceRoleForResourceAccessManager | /aws-service-role/ram.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html) agrees with the recording
      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         | role_name            | path                                 | max_session_duration |
        | rds.amazonaws.com | AWSServiceRoleForRDS | /aws-service-role/rds.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/redshift/latest/mgmt/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              | role_name                 | path                                      | max_session_duration |
        | redshift.amazonaws.com | AWSServiceRoleForRedshift | /aws-service-role/redshift.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/keyspaces/latest/devguide/using-service-linked-roles-multi-region-replication.html#service-linked-role-permissions-multi-region-replication) gives AWSServiceRoleForAmazonKeyspacesReplication, an erratum (not-the-recorded-name); the recording is checked
      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           | role_name                             | path                                                   | max_session_duration |
        | replication.cassandra.amazonaws.com | AWSServiceRoleForKeyspacesReplication | /aws-service-role/replication.cassandra.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-replication.html) agrees with the recording
      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     | role_name                       | path                                             | max_session_duration |
        | replication.ecr.amazonaws.com | AWSServiceRoleForECRReplication | /aws-service-role/replication.ecr.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/dtconsole/latest/userguide/service-linked-role-connections.html#slr-permissions) agrees with the recording
      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     | role_name                | path                                                             | max_session_duration |
        | repository.sync.codeconnections.amazonaws.com | AWSServiceRoleForGitSync | /aws-service-role/repository.sync.codeconnections.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/resource-explorer/latest/userguide/security_iam_service-linked-roles.html#slr-permissions) agrees with the recording
      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         | role_name                         | path                                                 | max_session_duration |
        | resource-explorer-2.amazonaws.com | AWSServiceRoleForResourceExplorer | /aws-service-role/resource-explorer-2.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   | role_name                      | path                                           | max_session_duration |
        | rolesanywhere.amazonaws.com | AWSServiceRoleForRolesAnywhere | /aws-service-role/rolesanywhere.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonS3/latest/s3-outposts/S3OutpostsServiceLinkedRoles.html) agrees with the recording
      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 | role_name                     | path                                         | max_session_duration |
        | s3-outposts.amazonaws.com | AWSServiceRoleForS3OnOutposts | /aws-service-role/s3-outposts.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/ses/latest/dg/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         | role_name                  | path                                 | max_session_duration |
        | ses.amazonaws.com | AWSServiceRoleForAmazonSES | /aws-service-role/ses.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/shd-using-service-linked-roles.html#shd-slr-permissions) agrees with the recording
      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            | role_name                  | path                                    | max_session_duration |
        | shield.amazonaws.com | AWSServiceRoleForAWSShield | /aws-service-role/shield.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/incident-manager/latest/userguide/using-service-linked-roles.html#slr-permissions) gives AWSServiceRoleforIncidentManager, an erratum (case); the recording is checked
      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   | role_name                        | path                                           | max_session_duration |
        | ssm-incidents.amazonaws.com | AWSServiceRoleForIncidentManager | /aws-service-role/ssm-incidents.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-5.html#service-linked-role-permissions-service-action-5) agrees with the recording
      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    | role_name                      | path                                            | max_session_duration |
        | ssm-quicksetup.amazonaws.com | AWSServiceRoleForSSMQuickSetup | /aws-service-role/ssm-quicksetup.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-1.html#service-linked-role-permissions-service-action-1) agrees with the recording
      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         | role_name                  | path                                 | max_session_duration |
        | ssm.amazonaws.com | AWSServiceRoleForAmazonSSM | /aws-service-role/ssm.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         | role_name            | path                                 | max_session_duration |
        | sso.amazonaws.com | AWSServiceRoleForSSO | /aws-service-role/sso.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-service-linked-roles.html) agrees with the recording
      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          | role_name                            | path                                                  | max_session_duration |
        | vpcorigin.cloudfront.amazonaws.com | AWSServiceRoleForCloudFrontVPCOrigin | /aws-service-role/vpcorigin.cloudfront.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/classic-using-service-linked-roles.html#classic-slr-permissions) agrees with the recording
      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         | role_name                   | path                                 | max_session_duration |
        | waf.amazonaws.com | AWSServiceRoleForWAFLogging | /aws-service-role/waf.amazonaws.com/ | 3600                 |

      # role_name: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           | role_name                     | path                                   | max_session_duration |
        | wafv2.amazonaws.com | AWSServiceRoleForWAFV2Logging | /aws-service-role/wafv2.amazonaws.com/ | 3600                 |

  @IAM-OVR-02
  Rule: The role carries the service's predefined managed policy, and nothing else

    @changes.role @evidence.observed-roles
    Scenario Outline: The role of <principal> carries the policy AWS recorded
      Given the service-linked role of "<principal>" exists
      Then the only policy attached to the role is "<policy_arn>"
      And the attached policy is owned by AWS and sits on the path "/aws-service-role/"
      And the role has no inline policy

      # policies: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-2.html) is silent on it; the recording is checked
      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          | policy_arn                                                                              |
        | accountdiscovery.ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSystemsManagerAccountDiscoveryServicePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/acm/latest/userguide/acm-slr.html) is silent on it; the recording is checked
      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         | policy_arn                                                                   |
        | acm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/CertificateManagerServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/app-mesh/latest/userguide/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             | policy_arn                                                           |
        | appmesh.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSAppMeshServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/autoscaling/plans/userguide/aws-auto-scaling-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       | policy_arn                                                                       |
        | autoscaling-plans.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSAutoScalingPlansEC2AutoScalingPolicy |

      # policies: the service's page (https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html#service-linked-role-permissions) agrees with the recording
      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 | policy_arn                                                            |
        | autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackup.html) gives AWSBackupServiceLinkedRolePolicyforBackup, an erratum (case); the recording is checked
      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            | policy_arn                                                                         |
        | backup.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup |

      # policies: the service's page (https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles-batch-general.html#service-linked-role-permissions-batch-general) agrees with the recording
      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           | policy_arn                                                      |
        | batch.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html) is silent on it; the recording is checked
      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       | policy_arn                                                                             |
        | cassandra.application-autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingCassandraTablePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/kms/latest/developerguide/authorize-kms.html#about-key-store-slr) agrees with the recording
      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             | policy_arn                                                                                       |
        | cks.kms.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/using-service-linked-roles-create-slr-for-org-trails.html) agrees with the recording
      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                | policy_arn                                                           |
        | cloudtrail.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/dtconsole/latest/userguide/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            | policy_arn                                                                         |
        | codestar-notifications.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSCodeStarNotificationsServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles-config.html#slr-permissions) agrees with the recording
      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            | policy_arn                                                          |
        | config.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSConfigServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/connect/latest/adminguide/connect-slr.html#slr-permissions) agrees with the recording
      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             | policy_arn                                                                    |
        | connect.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonConnectServiceLinkedRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/dms/latest/userguide/slr-services-fa.html#slr-services-fa) agrees with the recording
      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       | policy_arn                                                                   |
        | dms-fleet-advisor.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSDMSFleetAdvisorServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/dms/latest/userguide/slr-services-sl.html) is silent on it; the recording is checked
      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         | policy_arn                                                                 |
        | dms.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSDMSServerlessServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/documentdb/latest/developerguide/elastic-service-linked-roles.html) agrees with the recording
      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   | policy_arn                                                                    |
        | docdb-elastic.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonDocDB-ElasticServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-slr.html) agrees with the recording
      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          | policy_arn                                                          |
        | ec2-instance-connect.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/Ec2InstanceConnectEndpoint |

      # policies: the service's page (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html) is silent on it; the recording is checked
      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 | policy_arn                                                                                  |
        | ec2.application-autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingEC2SpotFleetRequestPolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-rct.html) agrees with the recording
      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         | policy_arn                                                            |
        | ecr.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/ECRTemplateServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles-for-clusters.html#service-linked-role-permissions-clusters) agrees with the recording
      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         | policy_arn                                                          |
        | ecs.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-connector.html#service-linked-role-permissions-eks-connector) agrees with the recording
      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | eks-connector.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEKSConnectorServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-fargate.html#service-linked-role-permissions-eks-fargate) agrees with the recording
      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 | policy_arn                                                                    |
        | eks-fargate.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEKSForFargateServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-nodegroups.html#service-linked-role-permissions-eks-nodegroups) agrees with the recording
      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | eks-nodegroup.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForAmazonEKSNodegroup |

      # policies: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks.html#service-linked-role-permissions-eks) agrees with the recording
      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         | policy_arn                                                          |
        | eks.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEKSServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 | policy_arn                                                            |
        | elasticache.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/ElastiCacheServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-service-linked-roles-monitoring.html) is silent on it; the recording is checked
      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      | policy_arn                                                                    |
        | elasticbeanstalk.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/efs/latest/ug/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       | policy_arn                                                                        |
        | elasticfilesystem.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonElasticFileSystemServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          | policy_arn                                                                        |
        | elasticloadbalancing.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/cognito/latest/developerguide/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       | policy_arn                                                                      |
        | email.cognito-idp.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonCognitoIdpEmailServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    | policy_arn                                                                    |
        | emr-containers.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEMRContainersServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/emr/latest/ManagementGuide/using-service-linked-roles-wal.html) is silent on it; the recording is checked
      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            | policy_arn                                                                 |
        | emrwal.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/EMRDescribeClusterPolicyForEMRWAL |

      # policies: the service's page (https://docs.aws.amazon.com/fis/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         | policy_arn                                                          |
        | fis.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonFISServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/grafana/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             | policy_arn                                                                    |
        | grafana.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonGrafanaServiceLinkedRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/imagebuilder/latest/userguide/image-builder-service-linked-role.html#image-builder-slr-permissions) agrees with the recording
      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  | policy_arn                                                             |
        | imagebuilder.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder |

      # policies: the service's page (https://docs.aws.amazon.com/iot-mi/latest/devguide/using-service-linked-roles.html#slr-permissions) gives AWSIoTManagedIntegrationsServiceRolePolicy, an erratum (not-on-the-role); the recording is checked
      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            | policy_arn                                                                   |
        | iotmanagedintegrations.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSIoTManagedIntegrationsRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/msk/latest/developerguide/slr-permissions.html#slr-permissions) agrees with the recording
      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           | policy_arn                                                      |
        | kafka.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/KafkaServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/msk/latest/developerguide/mkc-using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  | policy_arn                                                             |
        | kafkaconnect.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/KafkaConnectServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/lake-formation/latest/dg/service-linked-roles.html) is silent on it; the recording is checked
      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   | policy_arn                                                                        |
        | lakeformation.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/LakeFormationDataAccessServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/lex/latest/dg/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         | policy_arn                                                  |
        | lex.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonLexBotPolicy |

      # policies: the service's page (https://docs.aws.amazon.com/lexv2/latest/dg/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           | policy_arn                                                    |
        | lexv2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonLexV2BotPolicy |

      # policies: the service's page (https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-using-service-linked-roles.html) is silent on it; the recording is checked
      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               | policy_arn                                                     |
        | lightsail.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/LightsailExportAccess |

      # policies: the service's page (https://docs.aws.amazon.com/m2/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        | policy_arn                                                  |
        | m2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSM2ServicePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/memorydb/latest/devguide/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              | policy_arn                                                         |
        | memorydb.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/MemoryDBServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-service-linked-roles.html) agrees with the recording
      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        | policy_arn                                                         |
        | mq.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonMQServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-auth-slr.html#about-multi-region-slr) agrees with the recording
      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             | policy_arn                                                                                       |
        | mrk.kms.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/notifications/latest/userguide/slr-call-services.html#slr-permissions) agrees with the recording
      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   | policy_arn                                                                           |
        | notifications.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSUserNotificationsServiceLinkedRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-service-linked-roles.html#serverless-slr-permissions) agrees with the recording
      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        | policy_arn                                                                           |
        | observability.aoss.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonOpenSearchServerlessServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/slr-aos.html#slr-permissions) agrees with the recording
      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       | policy_arn                                                                 |
        | opensearchservice.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonOpenSearchServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/apigateway/latest/developerguide/using-service-linked-roles.html) gives AWSServiceRoleForAPIGateway, an erratum (named-after-role); the recording is checked
      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    | policy_arn                                                           |
        | ops.apigateway.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/APIGatewayServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        | policy_arn                                                                    |
        | ops.emr-serverless.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEMRServerlessServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-3.html#slr-permissions-service-action-3) agrees with the recording
      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     | policy_arn                                                                             |
        | opsdatasync.ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSystemsManagerOpsDataSyncServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-4.html) is silent on it; the recording is checked
      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     | policy_arn                                                                  |
        | opsinsights.ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSSMOpsInsightsServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-pullthroughcache.html) agrees with the recording
      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          | policy_arn                                                                        |
        | pullthroughcache.ecr.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSECRPullThroughCache_ServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/ram/latest/userguide/security-iam-service-linked-roles.html) agrees with the recording
      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         | policy_arn                                                                         |
        | ram.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSResourceAccessManagerServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html) agrees with the recording
      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         | policy_arn                                                          |
        | rds.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonRDSServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/redshift/latest/mgmt/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              | policy_arn                                                                     |
        | redshift.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonRedshiftServiceLinkedRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/keyspaces/latest/devguide/using-service-linked-roles-multi-region-replication.html#service-linked-role-permissions-multi-region-replication) agrees with the recording
      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           | policy_arn                                                                     |
        | replication.cassandra.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/KeyspacesReplicationServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-replication.html) agrees with the recording
      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     | policy_arn                                                               |
        | replication.ecr.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/ECRReplicationServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/dtconsole/latest/userguide/service-linked-role-connections.html#slr-permissions) agrees with the recording
      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     | policy_arn                                                           |
        | repository.sync.codeconnections.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSGitSyncServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/resource-explorer/latest/userguide/security_iam_service-linked-roles.html#slr-permissions) agrees with the recording
      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         | policy_arn                                                                    |
        | resource-explorer-2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSResourceExplorerServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   | policy_arn                                                             |
        | rolesanywhere.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSRolesAnywhereServicePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonS3/latest/s3-outposts/S3OutpostsServiceLinkedRoles.html) agrees with the recording
      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 | policy_arn                                                                |
        | s3-outposts.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSS3OnOutpostsServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/ses/latest/dg/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         | policy_arn                                                          |
        | ses.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonSESServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/shd-using-service-linked-roles.html#shd-slr-permissions) agrees with the recording
      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            | policy_arn                                                          |
        | shield.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSShieldServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/incident-manager/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | ssm-incidents.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-5.html#service-linked-role-permissions-service-action-5) agrees with the recording
      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    | policy_arn                                                       |
        | ssm-quicksetup.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/SSMQuickSetupRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-1.html#service-linked-role-permissions-service-action-1) agrees with the recording
      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         | policy_arn                                                          |
        | ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         | policy_arn                                                       |
        | sso.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSSOServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-service-linked-roles.html) agrees with the recording
      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          | policy_arn                                                                       |
        | vpcorigin.cloudfront.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSCloudFrontVPCOriginServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/classic-using-service-linked-roles.html) is silent on it; the recording is checked
      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         | policy_arn                                                           |
        | waf.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/WAFLoggingServiceRolePolicy |

      # policies: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           | policy_arn                                                             |
        | wafv2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/WAFV2LoggingServiceRolePolicy |

  @IAM-OVR-03
  Rule: The role's trust policy names its service alone

    @changes.role @evidence.observed-roles
    Scenario Outline: The role of <principal> trusts only its service
      Given the service-linked role of "<principal>" exists
      Then the role's trust policy names only the principal "<principal>"
      And the role's trust policy allows only the action "sts:AssumeRole"
      And the role's trust policy is a single Allow statement without conditions

      # principals: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-2.html#service-linked-role-permissions-service-action-2) agrees with the recording
      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          |
        | accountdiscovery.ssm.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/acm/latest/userguide/acm-slr.html) agrees with the recording
      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         |
        | acm.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/app-mesh/latest/userguide/using-service-linked-roles.html) agrees with the recording
      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             |
        | appmesh.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/autoscaling/plans/userguide/aws-auto-scaling-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       |
        | autoscaling-plans.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html#service-linked-role-permissions) agrees with the recording
      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 |
        | autoscaling.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/aws-backup/latest/devguide/using-service-linked-roles-AWSServiceRoleForBackup.html) agrees with the recording
      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            |
        | backup.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles-batch-general.html#service-linked-role-permissions-batch-general) agrees with the recording
      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           |
        | batch.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html) is silent on it; the recording is checked
      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       |
        | cassandra.application-autoscaling.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/kms/latest/developerguide/authorize-kms.html#about-key-store-slr) agrees with the recording
      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             |
        | cks.kms.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/using-service-linked-roles-create-slr-for-org-trails.html) agrees with the recording
      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                |
        | cloudtrail.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/dtconsole/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            |
        | codestar-notifications.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles-config.html#slr-permissions) agrees with the recording
      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            |
        | config.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/connect/latest/adminguide/connect-slr.html#slr-permissions) agrees with the recording
      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             |
        | connect.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/dms/latest/userguide/slr-services-fa.html#slr-services-fa) agrees with the recording
      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       |
        | dms-fleet-advisor.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/dms/latest/userguide/slr-services-sl.html#slr-services-sl) agrees with the recording
      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         |
        | dms.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/documentdb/latest/developerguide/elastic-service-linked-roles.html) is silent on it; the recording is checked
      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   |
        | docdb-elastic.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-slr.html) agrees with the recording
      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          |
        | ec2-instance-connect.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html) is silent on it; the recording is checked
      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 |
        | ec2.application-autoscaling.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-rct.html) agrees with the recording
      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         |
        | ecr.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles-for-clusters.html#service-linked-role-permissions-clusters) agrees with the recording
      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         |
        | ecs.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-connector.html#service-linked-role-permissions-eks-connector) agrees with the recording
      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   |
        | eks-connector.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-fargate.html#service-linked-role-permissions-eks-fargate) agrees with the recording
      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 |
        | eks-fargate.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks-nodegroups.html#service-linked-role-permissions-eks-nodegroups) agrees with the recording
      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   |
        | eks-nodegroup.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks.html#service-linked-role-permissions-eks) agrees with the recording
      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         |
        | eks.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 |
        | elasticache.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-service-linked-roles-monitoring.html#service-linked-role-permissions-monitoring) agrees with the recording
      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      |
        | elasticbeanstalk.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/efs/latest/ug/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       |
        | elasticfilesystem.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          |
        | elasticloadbalancing.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/cognito/latest/developerguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       |
        | email.cognito-idp.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    |
        | emr-containers.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/emr/latest/ManagementGuide/using-service-linked-roles-wal.html#using-service-linked-roles-permissions-wal) agrees with the recording
      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            |
        | emrwal.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/fis/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         |
        | fis.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/grafana/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             |
        | grafana.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/imagebuilder/latest/userguide/image-builder-service-linked-role.html#image-builder-slr-permissions) agrees with the recording
      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  |
        | imagebuilder.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/iot-mi/latest/devguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            |
        | iotmanagedintegrations.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/msk/latest/developerguide/slr-permissions.html#slr-permissions) agrees with the recording
      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           |
        | kafka.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/msk/latest/developerguide/mkc-using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  |
        | kafkaconnect.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/lake-formation/latest/dg/service-linked-roles.html#service-linked-roles) agrees with the recording
      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   |
        | lakeformation.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/lex/latest/dg/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         |
        | lex.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/lexv2/latest/dg/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           |
        | lexv2.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/lightsail/latest/userguide/amazon-lightsail-using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               |
        | lightsail.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/m2/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        |
        | m2.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/memorydb/latest/devguide/using-service-linked-roles.html) is silent on it; the recording is checked
      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              |
        | memorydb.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-service-linked-roles.html) agrees with the recording
      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        |
        | mq.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-auth-slr.html#about-multi-region-slr) agrees with the recording
      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             |
        | mrk.kms.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/notifications/latest/userguide/slr-call-services.html#slr-permissions) agrees with the recording
      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   |
        | notifications.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-service-linked-roles.html#serverless-slr-permissions) agrees with the recording
      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        |
        | observability.aoss.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/slr-aos.html#slr-permissions) agrees with the recording
      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       |
        | opensearchservice.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/apigateway/latest/developerguide/using-service-linked-roles.html) agrees with the recording
      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    |
        | ops.apigateway.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        |
        | ops.emr-serverless.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-3.html#slr-permissions-service-action-3) agrees with the recording
      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     |
        | opsdatasync.ssm.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-4.html#service-linked-role-permissions-service-action-4) agrees with the recording
      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     |
        | opsinsights.ssm.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-pullthroughcache.html) agrees with the recording
      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          |
        | pullthroughcache.ecr.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/ram/latest/userguide/security-iam-service-linked-roles.html) agrees with the recording
      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         |
        | ram.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html) agrees with the recording
      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         |
        | rds.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/redshift/latest/mgmt/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              |
        | redshift.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/keyspaces/latest/devguide/using-service-linked-roles-multi-region-replication.html#service-linked-role-permissions-multi-region-replication) agrees with the recording
      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           |
        | replication.cassandra.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonECR/latest/userguide/slr-replication.html) agrees with the recording
      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     |
        | replication.ecr.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/dtconsole/latest/userguide/service-linked-role-connections.html#slr-permissions) agrees with the recording
      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     |
        | repository.sync.codeconnections.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/resource-explorer/latest/userguide/security_iam_service-linked-roles.html#slr-permissions) agrees with the recording
      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         |
        | resource-explorer-2.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   |
        | rolesanywhere.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonS3/latest/s3-outposts/S3OutpostsServiceLinkedRoles.html) agrees with the recording
      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 |
        | s3-outposts.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/ses/latest/dg/using-service-linked-roles.html#service-linked-role-permissions) agrees with the recording
      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         |
        | ses.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/shd-using-service-linked-roles.html#shd-slr-permissions) agrees with the recording
      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            |
        | shield.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/incident-manager/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   |
        | ssm-incidents.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-5.html#service-linked-role-permissions-service-action-5) agrees with the recording
      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    |
        | ssm-quicksetup.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-1.html#service-linked-role-permissions-service-action-1) agrees with the recording
      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         |
        | ssm.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         |
        | sso.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-service-linked-roles.html) agrees with the recording
      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          |
        | vpcorigin.cloudfront.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/classic-using-service-linked-roles.html#classic-slr-permissions) agrees with the recording
      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         |
        | waf.amazonaws.com |

      # principals: the service's page (https://docs.aws.amazon.com/waf/latest/developerguide/using-service-linked-roles.html#slr-permissions) agrees with the recording
      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           |
        | wafv2.amazonaws.com |

  # AccessDenied also comes back when a caller cannot assume any role at all: the same caller
  # first assumes a role that trusts the account, and the example is inconclusive otherwise.
  # Who may assume the role is decided by its trust policy, checked for every service under
  # IAM-OVR-03; this rule's examples take the sample of services (see the docs).
  @IAM-OVR-04
  Rule: No principal of the account can assume the role

    @changes.role
    Scenario Outline: The account's own credentials cannot assume the role of <principal>
      Given the service-linked role of "<principal>" exists
      And the account's own credentials can assume an ordinary role of the account
      When the account's own credentials try to assume the role
      Then the request is refused with "AccessDenied"

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

  @IAM-OVR-05
  Rule: The role's managed policy cannot be attached to any other IAM entity

    # The policy differs by service, so every service's is tried on a customer role; users and
    # groups are refused by the same rule, shown on the sample of services.
    Scenario Outline: The policy of <principal>'s role cannot be attached to a customer role
      When I try to attach the policy "<policy_arn>" to each of these new entities
        | entity        |
        | customer role |
      Then every request is refused with "PolicyNotAttachable"
      And none of those entities has an attached policy

      @service.accountdiscovery.ssm.amazonaws.com
      Examples: accountdiscovery.ssm.amazonaws.com
        | principal                          | policy_arn                                                                              |
        | accountdiscovery.ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSystemsManagerAccountDiscoveryServicePolicy |

      @service.acm.amazonaws.com
      Examples: acm.amazonaws.com
        | principal         | policy_arn                                                                   |
        | acm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/CertificateManagerServiceRolePolicy |

      @service.appmesh.amazonaws.com
      Examples: appmesh.amazonaws.com
        | principal             | policy_arn                                                           |
        | appmesh.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSAppMeshServiceRolePolicy |

      @service.autoscaling-plans.amazonaws.com
      Examples: autoscaling-plans.amazonaws.com
        | principal                       | policy_arn                                                                       |
        | autoscaling-plans.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSAutoScalingPlansEC2AutoScalingPolicy |

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 | policy_arn                                                            |
        | autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy |

      @service.backup.amazonaws.com
      Examples: backup.amazonaws.com
        | principal            | policy_arn                                                                         |
        | backup.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSBackupServiceLinkedRolePolicyForBackup |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           | policy_arn                                                      |
        | batch.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy |

      @service.cassandra.application-autoscaling.amazonaws.com
      Examples: cassandra.application-autoscaling.amazonaws.com
        | principal                                       | policy_arn                                                                             |
        | cassandra.application-autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingCassandraTablePolicy |

      @service.cks.kms.amazonaws.com
      Examples: cks.kms.amazonaws.com
        | principal             | policy_arn                                                                                       |
        | cks.kms.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy |

      @service.cloudtrail.amazonaws.com
      Examples: cloudtrail.amazonaws.com
        | principal                | policy_arn                                                           |
        | cloudtrail.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy |

      @service.codestar-notifications.amazonaws.com
      Examples: codestar-notifications.amazonaws.com
        | principal                            | policy_arn                                                                         |
        | codestar-notifications.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSCodeStarNotificationsServiceRolePolicy |

      @service.config.amazonaws.com
      Examples: config.amazonaws.com
        | principal            | policy_arn                                                          |
        | config.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSConfigServiceRolePolicy |

      @service.connect.amazonaws.com
      Examples: connect.amazonaws.com
        | principal             | policy_arn                                                                    |
        | connect.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonConnectServiceLinkedRolePolicy |

      @service.dms-fleet-advisor.amazonaws.com
      Examples: dms-fleet-advisor.amazonaws.com
        | principal                       | policy_arn                                                                   |
        | dms-fleet-advisor.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSDMSFleetAdvisorServiceRolePolicy |

      @service.dms.amazonaws.com
      Examples: dms.amazonaws.com
        | principal         | policy_arn                                                                 |
        | dms.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSDMSServerlessServiceRolePolicy |

      @service.docdb-elastic.amazonaws.com
      Examples: docdb-elastic.amazonaws.com
        | principal                   | policy_arn                                                                    |
        | docdb-elastic.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonDocDB-ElasticServiceRolePolicy |

      @service.ec2-instance-connect.amazonaws.com
      Examples: ec2-instance-connect.amazonaws.com
        | principal                          | policy_arn                                                          |
        | ec2-instance-connect.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/Ec2InstanceConnectEndpoint |

      @service.ec2.application-autoscaling.amazonaws.com
      Examples: ec2.application-autoscaling.amazonaws.com
        | principal                                 | policy_arn                                                                                  |
        | ec2.application-autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSApplicationAutoscalingEC2SpotFleetRequestPolicy |

      @service.ecr.amazonaws.com
      Examples: ecr.amazonaws.com
        | principal         | policy_arn                                                            |
        | ecr.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/ECRTemplateServiceRolePolicy |

      @service.ecs.amazonaws.com
      Examples: ecs.amazonaws.com
        | principal         | policy_arn                                                          |
        | ecs.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy |

      @service.eks-connector.amazonaws.com
      Examples: eks-connector.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | eks-connector.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEKSConnectorServiceRolePolicy |

      @service.eks-fargate.amazonaws.com
      Examples: eks-fargate.amazonaws.com
        | principal                 | policy_arn                                                                    |
        | eks-fargate.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEKSForFargateServiceRolePolicy |

      @service.eks-nodegroup.amazonaws.com
      Examples: eks-nodegroup.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | eks-nodegroup.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForAmazonEKSNodegroup |

      @service.eks.amazonaws.com
      Examples: eks.amazonaws.com
        | principal         | policy_arn                                                          |
        | eks.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEKSServiceRolePolicy |

      @service.elasticache.amazonaws.com
      Examples: elasticache.amazonaws.com
        | principal                 | policy_arn                                                            |
        | elasticache.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/ElastiCacheServiceRolePolicy |

      @service.elasticbeanstalk.amazonaws.com
      Examples: elasticbeanstalk.amazonaws.com
        | principal                      | policy_arn                                                                    |
        | elasticbeanstalk.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy |

      @service.elasticfilesystem.amazonaws.com
      Examples: elasticfilesystem.amazonaws.com
        | principal                       | policy_arn                                                                        |
        | elasticfilesystem.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonElasticFileSystemServiceRolePolicy |

      @service.elasticloadbalancing.amazonaws.com
      Examples: elasticloadbalancing.amazonaws.com
        | principal                          | policy_arn                                                                        |
        | elasticloadbalancing.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy |

      @service.email.cognito-idp.amazonaws.com
      Examples: email.cognito-idp.amazonaws.com
        | principal                       | policy_arn                                                                      |
        | email.cognito-idp.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonCognitoIdpEmailServiceRolePolicy |

      @service.emr-containers.amazonaws.com
      Examples: emr-containers.amazonaws.com
        | principal                    | policy_arn                                                                    |
        | emr-containers.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEMRContainersServiceRolePolicy |

      @service.emrwal.amazonaws.com
      Examples: emrwal.amazonaws.com
        | principal            | policy_arn                                                                 |
        | emrwal.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/EMRDescribeClusterPolicyForEMRWAL |

      @service.fis.amazonaws.com
      Examples: fis.amazonaws.com
        | principal         | policy_arn                                                          |
        | fis.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonFISServiceRolePolicy |

      @service.grafana.amazonaws.com
      Examples: grafana.amazonaws.com
        | principal             | policy_arn                                                                    |
        | grafana.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonGrafanaServiceLinkedRolePolicy |

      @service.imagebuilder.amazonaws.com
      Examples: imagebuilder.amazonaws.com
        | principal                  | policy_arn                                                             |
        | imagebuilder.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder |

      @service.iotmanagedintegrations.amazonaws.com
      Examples: iotmanagedintegrations.amazonaws.com
        | principal                            | policy_arn                                                                   |
        | iotmanagedintegrations.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSIoTManagedIntegrationsRolePolicy |

      @service.kafka.amazonaws.com
      Examples: kafka.amazonaws.com
        | principal           | policy_arn                                                      |
        | kafka.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/KafkaServiceRolePolicy |

      @service.kafkaconnect.amazonaws.com
      Examples: kafkaconnect.amazonaws.com
        | principal                  | policy_arn                                                             |
        | kafkaconnect.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/KafkaConnectServiceRolePolicy |

      @service.lakeformation.amazonaws.com
      Examples: lakeformation.amazonaws.com
        | principal                   | policy_arn                                                                        |
        | lakeformation.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/LakeFormationDataAccessServiceRolePolicy |

      @service.lex.amazonaws.com
      Examples: lex.amazonaws.com
        | principal         | policy_arn                                                  |
        | lex.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonLexBotPolicy |

      @service.lexv2.amazonaws.com
      Examples: lexv2.amazonaws.com
        | principal           | policy_arn                                                    |
        | lexv2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonLexV2BotPolicy |

      @service.lightsail.amazonaws.com
      Examples: lightsail.amazonaws.com
        | principal               | policy_arn                                                     |
        | lightsail.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/LightsailExportAccess |

      @service.m2.amazonaws.com
      Examples: m2.amazonaws.com
        | principal        | policy_arn                                                  |
        | m2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSM2ServicePolicy |

      @service.memorydb.amazonaws.com
      Examples: memorydb.amazonaws.com
        | principal              | policy_arn                                                         |
        | memorydb.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/MemoryDBServiceRolePolicy |

      @service.mq.amazonaws.com
      Examples: mq.amazonaws.com
        | principal        | policy_arn                                                         |
        | mq.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonMQServiceRolePolicy |

      @service.mrk.kms.amazonaws.com
      Examples: mrk.kms.amazonaws.com
        | principal             | policy_arn                                                                                       |
        | mrk.kms.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy |

      @service.notifications.amazonaws.com
      Examples: notifications.amazonaws.com
        | principal                   | policy_arn                                                                           |
        | notifications.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSUserNotificationsServiceLinkedRolePolicy |

      @service.observability.aoss.amazonaws.com
      Examples: observability.aoss.amazonaws.com
        | principal                        | policy_arn                                                                           |
        | observability.aoss.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonOpenSearchServerlessServiceRolePolicy |

      @service.opensearchservice.amazonaws.com
      Examples: opensearchservice.amazonaws.com
        | principal                       | policy_arn                                                                 |
        | opensearchservice.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonOpenSearchServiceRolePolicy |

      @service.ops.apigateway.amazonaws.com
      Examples: ops.apigateway.amazonaws.com
        | principal                    | policy_arn                                                           |
        | ops.apigateway.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/APIGatewayServiceRolePolicy |

      @service.ops.emr-serverless.amazonaws.com
      Examples: ops.emr-serverless.amazonaws.com
        | principal                        | policy_arn                                                                    |
        | ops.emr-serverless.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonEMRServerlessServiceRolePolicy |

      @service.opsdatasync.ssm.amazonaws.com
      Examples: opsdatasync.ssm.amazonaws.com
        | principal                     | policy_arn                                                                             |
        | opsdatasync.ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSystemsManagerOpsDataSyncServiceRolePolicy |

      @service.opsinsights.ssm.amazonaws.com
      Examples: opsinsights.ssm.amazonaws.com
        | principal                     | policy_arn                                                                  |
        | opsinsights.ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSSMOpsInsightsServiceRolePolicy |

      @service.pullthroughcache.ecr.amazonaws.com
      Examples: pullthroughcache.ecr.amazonaws.com
        | principal                          | policy_arn                                                                        |
        | pullthroughcache.ecr.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSECRPullThroughCache_ServiceRolePolicy |

      @service.ram.amazonaws.com
      Examples: ram.amazonaws.com
        | principal         | policy_arn                                                                         |
        | ram.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSResourceAccessManagerServiceRolePolicy |

      @service.rds.amazonaws.com
      Examples: rds.amazonaws.com
        | principal         | policy_arn                                                          |
        | rds.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonRDSServiceRolePolicy |

      @service.redshift.amazonaws.com
      Examples: redshift.amazonaws.com
        | principal              | policy_arn                                                                     |
        | redshift.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonRedshiftServiceLinkedRolePolicy |

      @service.replication.cassandra.amazonaws.com
      Examples: replication.cassandra.amazonaws.com
        | principal                           | policy_arn                                                                     |
        | replication.cassandra.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/KeyspacesReplicationServiceRolePolicy |

      @service.replication.ecr.amazonaws.com
      Examples: replication.ecr.amazonaws.com
        | principal                     | policy_arn                                                               |
        | replication.ecr.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/ECRReplicationServiceRolePolicy |

      @service.repository.sync.codeconnections.amazonaws.com
      Examples: repository.sync.codeconnections.amazonaws.com
        | principal                                     | policy_arn                                                           |
        | repository.sync.codeconnections.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSGitSyncServiceRolePolicy |

      @service.resource-explorer-2.amazonaws.com
      Examples: resource-explorer-2.amazonaws.com
        | principal                         | policy_arn                                                                    |
        | resource-explorer-2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSResourceExplorerServiceRolePolicy |

      @service.rolesanywhere.amazonaws.com
      Examples: rolesanywhere.amazonaws.com
        | principal                   | policy_arn                                                             |
        | rolesanywhere.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSRolesAnywhereServicePolicy |

      @service.s3-outposts.amazonaws.com
      Examples: s3-outposts.amazonaws.com
        | principal                 | policy_arn                                                                |
        | s3-outposts.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSS3OnOutpostsServiceRolePolicy |

      @service.ses.amazonaws.com
      Examples: ses.amazonaws.com
        | principal         | policy_arn                                                          |
        | ses.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonSESServiceRolePolicy |

      @service.shield.amazonaws.com
      Examples: shield.amazonaws.com
        | principal            | policy_arn                                                          |
        | shield.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSShieldServiceRolePolicy |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | ssm-incidents.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy |

      @service.ssm-quicksetup.amazonaws.com
      Examples: ssm-quicksetup.amazonaws.com
        | principal                    | policy_arn                                                       |
        | ssm-quicksetup.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/SSMQuickSetupRolePolicy |

      @service.ssm.amazonaws.com
      Examples: ssm.amazonaws.com
        | principal         | policy_arn                                                          |
        | ssm.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy |

      @service.sso.amazonaws.com
      Examples: sso.amazonaws.com
        | principal         | policy_arn                                                       |
        | sso.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSSSOServiceRolePolicy |

      @service.vpcorigin.cloudfront.amazonaws.com
      Examples: vpcorigin.cloudfront.amazonaws.com
        | principal                          | policy_arn                                                                       |
        | vpcorigin.cloudfront.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSCloudFrontVPCOriginServiceRolePolicy |

      @service.waf.amazonaws.com
      Examples: waf.amazonaws.com
        | principal         | policy_arn                                                           |
        | waf.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/WAFLoggingServiceRolePolicy |

      @service.wafv2.amazonaws.com
      Examples: wafv2.amazonaws.com
        | principal           | policy_arn                                                             |
        | wafv2.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/WAFV2LoggingServiceRolePolicy |

    Scenario Outline: The policy of <principal>'s role cannot be attached to a user or a group
      When I try to attach the policy "<policy_arn>" to each of these new entities
        | entity |
        | user   |
        | group  |
      Then every request is refused with "PolicyNotAttachable"
      And none of those entities has an attached policy

      @service.autoscaling.amazonaws.com
      Examples: autoscaling.amazonaws.com
        | principal                 | policy_arn                                                            |
        | autoscaling.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy |

      @service.batch.amazonaws.com
      Examples: batch.amazonaws.com
        | principal           | policy_arn                                                      |
        | batch.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy |

      @service.ssm-incidents.amazonaws.com
      Examples: ssm-incidents.amazonaws.com
        | principal                   | policy_arn                                                                   |
        | ssm-incidents.amazonaws.com | arn:aws:iam::aws:policy/aws-service-role/AWSIncidentManagerServiceRolePolicy |
