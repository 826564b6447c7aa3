using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Secretless.Aws.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.Iot;

/// <summary>The IoT requests of errors.json: same wire request and signature; the recorded error names the SDK's exception.</summary>
public sealed class IotErrorFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in AwsWireFixtures.Errors.Where(f => f.SigningName == "iot"))
        {
            data.Add(fixture.Case);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_ErrorFixtureInput_SendsSameRequestAndSignature(string @case)
    {
        var fixture = AwsWireFixtures.Get("errors.json", @case);

        var request = IotFixtureOperations.Build(fixture.Operation, fixture.Input);

        Assert.Equal(fixture.Method, request.Method.Method);
        Assert.Equal(fixture.Path, request.Path);
        Assert.Equal(fixture.Query, request.Query);
        Assert.Equal(string.IsNullOrEmpty(fixture.Body) ? null : fixture.Body, request.Body is null ? null : Encoding.UTF8.GetString(request.Body));
        var endpoint = new AwsServiceEndpoint(fixture.Endpoint, AwsWireFixture.Region, fixture.SigningName);
        var credentials = new ImmutableCredentials(AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, null);
        using var signed = AwsRequestSigner.CreateSignedRequest(request, endpoint, credentials, AwsWireFixture.SigningTime);
        Assert.Equal(fixture.Authorization, string.Join(",", signed.Headers.GetValues("Authorization")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_RecordedError_NamesSdkExceptionAndRetryClass(string @case)
    {
        var fixture = AwsWireFixtures.Get("errors.json", @case);

        var error = AwsErrorParser.Parse("iot", fixture.Operation, fixture.ResponseStatus, fixture.ResponseHeaders, Encoding.UTF8.GetBytes(fixture.ResponseBody));

        Assert.Equal(fixture.SdkExceptionName, error.ErrorCode);
        Assert.Equal(SdkRetried(@case), error.IsRetryable);
    }

    /// <summary>The record's <c>sdkRetry.retriedWhenMaxAttempts2</c>: whether the JS SDK retried this error.</summary>
    private static bool SdkRetried(string @case)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures", "errors.json")));
        var record = document.RootElement.EnumerateArray().Single(r => r.GetProperty("case").GetString() == @case);
        return record.GetProperty("sdkRetry").GetProperty("retriedWhenMaxAttempts2").GetBoolean();
    }
}
