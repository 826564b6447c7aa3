using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Secretless.Aws.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.Iot;

/// <summary>Every captured IoT call: our request equals the SDK's on the wire, our parse equals the SDK's output.</summary>
public sealed class IotWireConformanceTests
{
    public static TheoryData<string> Cases => AwsWireFixtures.Cases("iot.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_FixtureInput_SendsSameMethodPathQueryAndBody(string @case)
    {
        var fixture = AwsWireFixtures.Get("iot.json", @case);

        var request = IotFixtureOperations.Build(fixture.Operation, fixture.Input);

        Assert.Equal(fixture.Operation, request.Operation);
        Assert.Equal(fixture.Method, request.Method.Method);
        Assert.Equal(fixture.Path, request.Path);
        Assert.Equal(fixture.Query, request.Query);
        if (string.IsNullOrEmpty(fixture.Body))
        {
            Assert.Null(request.Body);
            Assert.Null(request.ContentType);
        }
        else
        {
            Assert.Equal(fixture.Body, Encoding.UTF8.GetString(request.Body!));
            Assert.Equal(fixture.Headers["content-type"], request.ContentType);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_FixtureInput_SendsRecordedExtraSignedHeaders(string @case)
    {
        var fixture = AwsWireFixtures.Get("iot.json", @case);

        var request = IotFixtureOperations.Build(fixture.Operation, fixture.Input);

        var expected = fixture.Headers
            .Where(h => h.Key.StartsWith("x-amzn-", StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), h.Value))
            .ToList();
        Assert.Equal(expected, request.SignedHeaders);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_RecordedResponse_EqualsSdkOutput(string @case)
    {
        var fixture = AwsWireFixtures.Get("iot.json", @case);
        var response = new AwsResponse(fixture.ResponseStatus, fixture.ResponseHeaders, Encoding.UTF8.GetBytes(fixture.ResponseBody));

        var parsed = IotFixtureOperations.Parse(fixture.Operation, response);

        var expected = SdkOutputJson.Expected(fixture.ParsedOutput!.Value);
        var actual = SdkOutputJson.Of(parsed);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_FixtureInputAtCaptureTime_ReproducesRecordedAuthorization(string @case)
    {
        var fixture = AwsWireFixtures.Get("iot.json", @case);
        var request = IotFixtureOperations.Build(fixture.Operation, fixture.Input);
        var endpoint = new AwsServiceEndpoint(fixture.Endpoint, AwsWireFixture.Region, fixture.SigningName);
        var credentials = new ImmutableCredentials(AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, null);

        using var signed = AwsRequestSigner.CreateSignedRequest(request, endpoint, credentials, AwsWireFixture.SigningTime);

        Assert.Equal(fixture.Authorization, string.Join(",", signed.Headers.GetValues("Authorization")));
    }

    [Fact]
    public void Fixtures_CoverEveryClientOperation()
    {
        var captured = AwsWireFixtures.Iot.Concat(AwsWireFixtures.Errors.Where(f => f.SigningName == "iot")).Select(f => f.Operation).ToHashSet();

        Assert.Equal(21, captured.Count);
        Assert.Equal(captured.Order(), IotFixtureOperations.Names.Order());
        Assert.Equal(21, typeof(Secretless.Aws.Iot.IotClient).GetMethods().Count(m => m.Name.EndsWith("Async", StringComparison.Ordinal)));
    }
}
