using System.Text;
using Secretless.Aws.Tests.Wire;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Fake;

/// <summary>The fake's SigV4 verifier against the 49 requests signed by the official AWS SDK.</summary>
public sealed class SigV4VerifierFixtureTests
{
    public static TheoryData<string, string> AllCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in AwsWireFixtures.AcmPca.Concat(AwsWireFixtures.Iot).Concat(AwsWireFixtures.Errors))
        {
            data.Add(fixture.File, fixture.Case);
        }

        return data;
    }

    [Fact]
    public void AllCases_CoverEveryRecordedRequest_FortyNine() => Assert.Equal(49, AllCases().Count);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Verify_RecordedRequest_IsValid(string file, string @case)
    {
        var fixture = AwsWireFixtures.Get(file, @case);

        var result = Verify(Request(fixture));

        Assert.True(result.IsValid, $"{result.ErrorCode}: {result.Message}\n{result.CanonicalRequest}");
        Assert.Equal(fixture.SigningName, result.Service);
        Assert.Equal(AwsWireFixture.Region, result.Region);
        if (fixture.CanonicalRequest is not null)
        {
            Assert.Equal(fixture.CanonicalRequest, result.CanonicalRequest);
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Verify_OneByteOfPathChanged_IsRejected(string file, string @case)
    {
        var request = Request(AwsWireFixtures.Get(file, @case));
        var path = request.RawPath == "/" ? "/x" : request.RawPath[..^1] + (request.RawPath[^1] == 'a' ? 'b' : 'a');

        Assert.False(Verify(request with { RawPath = path }).IsValid);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Verify_OneByteOfBodyChanged_IsRejected(string file, string @case)
    {
        var request = Request(AwsWireFixtures.Get(file, @case));
        var body = request.Body.Length == 0 ? "{"u8.ToArray() : (byte[])request.Body.Clone();
        body[^1] ^= 0x01;

        var result = Verify(request with { Body = body });

        Assert.False(result.IsValid);
        Assert.Equal("InvalidSignatureException", result.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Verify_SignedHeaderChanged_IsRejected(string file, string @case)
    {
        var request = Request(AwsWireFixtures.Get(file, @case));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = request.Headers["host"] + "x",
        };

        Assert.False(Verify(request with { Headers = headers }).IsValid);
    }

    [Fact]
    public void Verify_QueryValueChanged_IsRejected()
    {
        var request = Request(AwsWireFixtures.Get("iot.json", "UpdateCertificate-REVOKED"));

        Assert.False(Verify(request with { RawQuery = "newStatus=ACTIVE" }).IsValid);
    }

    [Fact]
    public void Verify_UnsignedHeaderChanged_StillValid()
    {
        var request = Request(AwsWireFixtures.Get("iot.json", "CreateThing"));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["user-agent"] = "something else" };

        Assert.True(Verify(request with { Headers = headers }).IsValid);
    }

    [Fact]
    public void Verify_WrongSecretKey_IsRejected()
    {
        var request = Request(AwsWireFixtures.Get("acm-pca.json", "IssueCertificate"));

        var result = SigV4Verifier.Verify(request, AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey + "x", AwsWireFixture.SigningTime, null);

        Assert.False(result.IsValid);
        Assert.Equal("InvalidSignatureException", result.ErrorCode);
    }

    [Fact]
    public void Verify_UnknownAccessKey_IsUnrecognizedClient()
    {
        var request = Request(AwsWireFixtures.Get("acm-pca.json", "IssueCertificate"));

        var result = SigV4Verifier.Verify(request, "AKIDOTHER", AwsWireFixture.SecretAccessKey, AwsWireFixture.SigningTime, null);

        Assert.Equal("UnrecognizedClientException", result.ErrorCode);
    }

    [Fact]
    public void Verify_DeclaredPayloadHashDiffersFromBody_IsRejected()
    {
        var request = Request(AwsWireFixtures.Get("iot.json", "DescribeThing"));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["x-amz-content-sha256"] = new string('0', 64) };

        Assert.False(Verify(request with { Headers = headers }).IsValid);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public void Verify_ClockMoreThanFifteenMinutesAway_IsRejected(int minutes)
    {
        var request = Request(AwsWireFixtures.Get("iot.json", "DescribeThing"));

        var result = SigV4Verifier.Verify(request, AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, AwsWireFixture.SigningTime.AddMinutes(minutes), TimeSpan.FromMinutes(15));

        Assert.False(result.IsValid);
        Assert.Contains("expired", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Verify_ClockWithinFifteenMinutes_IsValid()
    {
        var request = Request(AwsWireFixtures.Get("iot.json", "DescribeThing"));

        var result = SigV4Verifier.Verify(request, AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, AwsWireFixture.SigningTime.AddMinutes(14), TimeSpan.FromMinutes(15));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_NoAuthorization_IsMissingAuthenticationToken()
    {
        var request = Request(AwsWireFixtures.Get("iot.json", "DescribeThing"));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        headers.Remove("authorization");

        Assert.Equal("MissingAuthenticationTokenException", Verify(request with { Headers = headers }).ErrorCode);
    }

    [Fact]
    public void TestSigner_SigningRecordedRequests_ReproducesRecordedAuthorization()
    {
        foreach (var fixture in AwsWireFixtures.AcmPca.Concat(AwsWireFixtures.Iot).Concat(AwsWireFixtures.Errors))
        {
            var signedNames = fixture.Authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
            var headers = signedNames.ToDictionary(n => n, n => fixture.Headers[n], StringComparer.Ordinal);

            var authorization = TestSigV4Signer.Authorization(
                fixture.Method, fixture.Path, fixture.Query, headers, Encoding.UTF8.GetBytes(fixture.Body ?? ""),
                AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, AwsWireFixture.Region, fixture.SigningName);

            Assert.Equal(fixture.Authorization, authorization);
        }
    }

    internal static SigV4Request Request(AwsWireFixture fixture) =>
        new(fixture.Method, fixture.Path, fixture.Query, fixture.Headers, Encoding.UTF8.GetBytes(fixture.Body ?? ""));

    private static SigV4Verification Verify(SigV4Request request) =>
        SigV4Verifier.Verify(request, AwsWireFixture.AccessKeyId, AwsWireFixture.SecretAccessKey, AwsWireFixture.SigningTime, TimeSpan.FromMinutes(15));
}
