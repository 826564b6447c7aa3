using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Iot;

/// <summary>Things, policies, attachments and the data endpoint on AWS IoT (the fake endpoint over real, signed HTTP).</summary>
public sealed class IotCoreThingRegistryAttachmentTests
{
    private const string PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";
    private const string OtherDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iot:*","Resource":"*"}]}""";

    [Fact]
    public async Task EnsureThingAsync_ExistingThing_IsFine()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        await harness.CreateRegistry().EnsureThingAsync("fleet:dev_0001", CancellationToken.None);

        await harness.CreateRegistry().EnsureThingAsync("fleet:dev_0001", CancellationToken.None);

        Assert.Single(harness.Fake.Iot.Things);
        Assert.True(harness.Fake.Iot.Things.ContainsKey("fleet:dev_0001"));
    }

    [Fact]
    public async Task EnsurePolicyAsync_Absent_CreatesItOnceAndRemembersIt()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();

        await registry.EnsurePolicyAsync("fleet-policy+v2=ops@team,prod", PolicyDocument, CancellationToken.None);
        await registry.EnsurePolicyAsync("fleet-policy+v2=ops@team,prod", PolicyDocument, CancellationToken.None);

        Assert.Equal(PolicyDocument, harness.Fake.Iot.Policies["fleet-policy+v2=ops@team,prod"]);
        Assert.Equal(["GetPolicy", "CreatePolicy"], harness.Fake.Calls);
    }

    [Fact]
    public async Task EnsurePolicyAsync_TwoRegistriesConcurrently_BothSucceedWithOnePolicy()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var first = harness.CreateRegistry();
        var second = harness.CreateRegistry();

        await Task.WhenAll(
            first.EnsurePolicyAsync("device-policy", PolicyDocument, CancellationToken.None),
            second.EnsurePolicyAsync("device-policy", PolicyDocument, CancellationToken.None));

        Assert.Single(harness.Fake.Iot.Policies);
        Assert.Equal(2, harness.CallCount("GetPolicy"));
    }

    [Fact]
    public async Task EnsurePolicyAsync_LosesCreationRace_SucceedsAndKeepsWinnersDocument()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        await harness.CreateRegistry().EnsurePolicyAsync("device-policy", PolicyDocument, CancellationToken.None);
        // The loser's GetPolicy ran before the winner's CreatePolicy: it saw no policy.
        harness.Fake.FailNext("GetPolicy", "ResourceNotFoundException");

        await harness.CreateRegistry().EnsurePolicyAsync("device-policy", OtherDocument, CancellationToken.None);

        Assert.Equal(PolicyDocument, harness.Fake.Iot.Policies["device-policy"]);
        Assert.Equal(2, harness.CallCount("CreatePolicy"));
    }

    [Fact]
    public async Task AttachPolicyAndThingPrincipal_AfterRegistration_AttachCertificateArn()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        var id = await registry.RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0001"), CancellationToken.None);
        await registry.EnsureThingAsync("dev-0001", CancellationToken.None);
        await registry.EnsurePolicyAsync("device-policy", PolicyDocument, CancellationToken.None);

        await registry.AttachPolicyAsync("device-policy", id, CancellationToken.None);
        await registry.AttachThingPrincipalAsync("dev-0001", id, CancellationToken.None);
        await registry.AttachThingPrincipalAsync("dev-0001", id, CancellationToken.None);

        var arn = FakeIot.CertificateArn(id);
        Assert.Equal([arn], harness.Fake.Iot.PolicyTargets["device-policy"]);
        Assert.Equal([arn], harness.Fake.Iot.ThingPrincipals["dev-0001"]);
        Assert.Equal(0, harness.CallCount("DescribeCertificate"));
    }

    [Fact]
    public async Task AttachPolicyAsync_CertificateRegisteredElsewhere_LearnsArnFromDescribeCertificate()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var id = await harness.CreateRegistry().RegisterCertificateAsync(harness.Ca.IssueDeviceCertificate("dev-0002"), CancellationToken.None);
        var resumed = harness.CreateRegistry();
        await resumed.EnsurePolicyAsync("device-policy", PolicyDocument, CancellationToken.None);
        await resumed.EnsureThingAsync("dev-0002", CancellationToken.None);

        await resumed.AttachPolicyAsync("device-policy", id, CancellationToken.None);
        await resumed.AttachThingPrincipalAsync("dev-0002", id, CancellationToken.None);

        Assert.Contains(FakeIot.CertificateArn(id), harness.Fake.Iot.PolicyTargets["device-policy"]);
        Assert.Contains(FakeIot.CertificateArn(id), harness.Fake.Iot.ThingPrincipals["dev-0002"]);
        Assert.Equal(1, harness.CallCount("DescribeCertificate"));
    }

    [Fact]
    public async Task AttachPolicyAsync_UnknownCertificate_ThrowsInvalidOperation()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();
        await registry.EnsurePolicyAsync("device-policy", PolicyDocument, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.AttachPolicyAsync("device-policy", new string('b', 64), CancellationToken.None));

        Assert.Equal(0, harness.CallCount("AttachPolicy"));
    }

    [Fact]
    public async Task GetEndpointAsync_CalledTwice_DescribesEndpointOnce()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry();

        var first = await registry.GetEndpointAsync(CancellationToken.None);
        var second = await registry.GetEndpointAsync(CancellationToken.None);

        Assert.Equal($"{harness.Fake.Iot.DataAtsEndpoint}:8883", first);
        Assert.Equal(first, second);
        Assert.Equal(["DescribeEndpoint"], harness.Fake.Calls);
    }

    [Fact]
    public async Task GetEndpointAsync_PortOption_IsUsed()
    {
        await using var harness = await IotRegistryHarness.StartAsync();
        var registry = harness.CreateRegistry(o => o.EndpointPort = 443);

        var endpoint = await registry.GetEndpointAsync(CancellationToken.None);

        Assert.Equal($"{harness.Fake.Iot.DataAtsEndpoint}:443", endpoint);
    }
}
