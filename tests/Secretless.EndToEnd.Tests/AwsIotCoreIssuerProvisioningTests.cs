using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests;

/// <summary>The provisioning suite with AWS IoT Core as issuer and registry (DynamoDB and S3 around it).</summary>
public sealed class AwsIotCoreIssuerProvisioningTests(AwsIotCoreIssuerDeployment deployment) : ServeSuite<AwsIotCoreIssuerDeployment>(deployment);
