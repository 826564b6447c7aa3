using System.Text.Json.Nodes;
using Secretless.Aws.Tests.Wire;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Fake;

/// <summary>Over real HTTP: only correctly signed requests are processed; everything else is a 403 that changes nothing.</summary>
public sealed class FakeAwsEndpointSignatureTests
{
    private static FakeAwsOptions RecordedCredentials(TimeSpan? maxClockSkew = null) => new()
    {
        AccessKeyId = AwsWireFixture.AccessKeyId,
        SecretAccessKey = AwsWireFixture.SecretAccessKey,
        MaxClockSkew = maxClockSkew,
    };

    [Fact]
    public async Task Replay_RecordedDescribeEndpoint_AnswersAtsEndpoint()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync(RecordedCredentials());
        using var client = new FakeAwsTestClient(fake.ServiceUrl);

        var result = await client.SendRawAsync(FixtureReplay.ToHttpRequest(AwsWireFixtures.Get("iot.json", "DescribeEndpoint"), fake.ServiceUrl));

        Assert.Equal(200, result.Status);
        Assert.Equal(fake.Iot.DataAtsEndpoint, result.Body!["endpointAddress"]!.GetValue<string>());
        Assert.Equal(["DescribeEndpoint"], fake.Calls);
        Assert.Equal(0, fake.RejectedSignatures);
    }

    [Fact]
    public async Task Replay_RecordedCreateThing_CreatesThing()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync(RecordedCredentials());
        using var client = new FakeAwsTestClient(fake.ServiceUrl);

        var result = await client.SendRawAsync(FixtureReplay.ToHttpRequest(AwsWireFixtures.Get("iot.json", "CreateThing"), fake.ServiceUrl));

        Assert.Equal(200, result.Status);
        Assert.Equal("fleet:dev_0001", result.Body!["thingName"]!.GetValue<string>());
        Assert.Equal("sensor-v2", fake.Iot.Things["fleet:dev_0001"].Attributes["model"]);
    }

    [Fact]
    public async Task Replay_RecordedCreateThingWithOneBodyByteChanged_Is403AndNothingCreated()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync(RecordedCredentials());
        using var client = new FakeAwsTestClient(fake.ServiceUrl);
        var fixture = AwsWireFixtures.Get("iot.json", "CreateThing");

        var result = await client.SendRawAsync(FixtureReplay.ToHttpRequest(fixture, fake.ServiceUrl, body => body.Replace("SN-0001", "SN-0002", StringComparison.Ordinal)));

        Assert.Equal(403, result.Status);
        Assert.Equal("InvalidSignatureException", result.ErrorCode);
        Assert.Empty(fake.Iot.Things);
        Assert.Empty(fake.Calls);
        Assert.Equal(1, fake.RejectedSignatures);
    }

    [Fact]
    public async Task Replay_RecordedIssueCertificate_WithRealClockCheck_IsExpired403()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync(RecordedCredentials(TimeSpan.FromMinutes(15)));
        using var client = new FakeAwsTestClient(fake.ServiceUrl);

        var result = await client.SendRawAsync(FixtureReplay.ToHttpRequest(AwsWireFixtures.Get("acm-pca.json", "IssueCertificate"), fake.ServiceUrl));

        Assert.Equal(403, result.Status);
        Assert.Equal("InvalidSignatureException", result.ErrorCode);
        Assert.Equal(0, fake.AcmPca.IssueCount);
    }

    [Fact]
    public async Task Send_Unsigned_Is403MissingAuthenticationToken()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var client = new FakeAwsTestClient(fake.ServiceUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.ServiceUrl, "/policies/p1"))
        {
            Content = new StringContent("""{"policyDocument":"{}"}"""),
        };

        var result = await client.SendRawAsync(request);

        Assert.Equal(403, result.Status);
        Assert.Equal("MissingAuthenticationTokenException", result.ErrorCode);
        Assert.Empty(fake.Iot.Policies);
        Assert.Equal(1, fake.RejectedSignatures);
    }

    [Fact]
    public async Task Send_SignedWithWrongSecret_Is403AndNotIssued()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var client = new FakeAwsTestClient(fake.ServiceUrl, FakeAwsEndpoint.DefaultAccessKeyId, "not-the-secret");

        var result = await client.PcaAsync("GetCertificateAuthorityCertificate", new JsonObject { ["CertificateAuthorityArn"] = fake.AcmPca.CertificateAuthorityArn });

        Assert.Equal(403, result.Status);
        Assert.Equal("InvalidSignatureException", result.ErrorCode);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task Send_QueryChangedAfterSigning_Is403AndStatusUnchanged()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var client = new FakeAwsTestClient(fake.ServiceUrl);
        await client.IotAsync(HttpMethod.Post, "/things/t1", body: new JsonObject());

        var result = await client.SendAsync(HttpMethod.Post, "/things/t1", "", "iot", [], null, null,
            tamper: r => r.RequestUri = new Uri(r.RequestUri!, "/things/t2"));

        Assert.Equal(403, result.Status);
        Assert.Equal(["t1"], fake.Iot.Things.Keys);
    }

    [Fact]
    public async Task Send_SignedForAnotherService_Is403()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var client = new FakeAwsTestClient(fake.ServiceUrl);

        var result = await client.SendAsync(HttpMethod.Get, "/registrationcode", "", "acm-pca", [], null, null);

        Assert.Equal(403, result.Status);
        Assert.Equal(1, fake.RejectedSignatures);
    }

    [Fact]
    public async Task Send_SignedNow_IsProcessed()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var client = new FakeAwsTestClient(fake.ServiceUrl);

        var result = await client.IotAsync(HttpMethod.Get, "/registrationcode");

        Assert.Equal(200, result.Status);
        Assert.Equal(fake.Iot.RegistrationCode, result.Body!["registrationCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_SignedTwentyMinutesAgo_Is403()
    {
        await using var fake = await FakeAwsEndpoint.StartAsync();
        using var client = new FakeAwsTestClient(fake.ServiceUrl) { SigningTime = DateTimeOffset.UtcNow.AddMinutes(-20) };

        var result = await client.IotAsync(HttpMethod.Get, "/registrationcode");

        Assert.Equal(403, result.Status);
    }
}
