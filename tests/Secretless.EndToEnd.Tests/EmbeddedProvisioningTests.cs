using Secretless.EndToEnd.Tests.Deployments;

namespace Secretless.EndToEnd.Tests;

/// <summary>The provisioning suite on the embedded default: <c>secretless serve</c> without configuration.</summary>
public sealed class EmbeddedProvisioningTests(EmbeddedDeployment deployment) : ServeSuite<EmbeddedDeployment>(deployment);
