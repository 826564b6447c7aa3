using System.Globalization;
using System.Text;
using System.Text.Json;
using Secretless.Aws.AcmPca;
using Secretless.Aws.Tests.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.AcmPca;

public sealed class AcmPcaWireConformanceTests
{
    public static TheoryData<string> SuccessCases() => AwsWireFixtures.Cases("acm-pca.json");

    public static TheoryData<string> ErrorCases()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in AwsWireFixtures.Errors.Where(f => f.SigningName == "acm-pca"))
        {
            data.Add(fixture.Case);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuccessCases))]
    public void Build_FixtureInput_MatchesRecordedMethodPathQueryBodyAndHeaders(string @case)
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", @case);

        var request = AcmPcaFixtureInputs.Build(fixture);

        Assert.Equal(fixture.Operation, request.Operation);
        Assert.Equal(fixture.Method, request.Method.Method);
        Assert.Equal(fixture.Path, request.Path);
        Assert.Equal(fixture.Query, request.Query);
        Assert.Equal(fixture.Body, Encoding.UTF8.GetString(request.Body!));
        Assert.Equal(fixture.Headers["content-type"], request.ContentType);
        Assert.Equal(fixture.Headers["x-amz-target"], Assert.Single(request.SignedHeaders, h => h.Key == "x-amz-target").Value);
    }

    [Theory]
    [MemberData(nameof(SuccessCases))]
    public void Sign_FixtureInput_ReproducesRecordedAuthorization(string @case)
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", @case);

        var authorization = RecordedRequests.Authorization(AcmPcaFixtureInputs.Build(fixture), fixture);

        Assert.Equal(fixture.Authorization, authorization);
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Sign_ErrorFixtureInput_MatchesRecordedBodyAndAuthorization(string @case)
    {
        var fixture = AwsWireFixtures.Get("errors.json", @case);

        var request = AcmPcaFixtureInputs.Build(fixture);

        Assert.Equal(fixture.Body, Encoding.UTF8.GetString(request.Body!));
        Assert.Equal(fixture.Authorization, RecordedRequests.Authorization(request, fixture));
    }

    [Fact]
    public void ParseIssueCertificate_RecordedResponse_GivesCertificateArn()
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", "IssueCertificate");

        var output = AcmPcaResponses.IssueCertificate(Encoding.UTF8.GetBytes(fixture.ResponseBody));

        Assert.Equal(Expected(fixture, "CertificateArn"), output.CertificateArn);
    }

    [Theory]
    [InlineData("GetCertificate")]
    [InlineData("GetCertificateAuthorityCertificate")]
    public void ParseCertificate_RecordedResponse_GivesCertificateAndChain(string @case)
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", @case);
        var body = Encoding.UTF8.GetBytes(fixture.ResponseBody);

        var (certificate, chain) = @case == "GetCertificate"
            ? (AcmPcaResponses.GetCertificate(body).Certificate, AcmPcaResponses.GetCertificate(body).CertificateChain)
            : (AcmPcaResponses.GetCertificateAuthorityCertificate(body).Certificate, AcmPcaResponses.GetCertificateAuthorityCertificate(body).CertificateChain);

        Assert.Equal(Expected(fixture, "Certificate"), certificate);
        Assert.Equal(Expected(fixture, "CertificateChain"), chain);
    }

    [Fact]
    public void ParseDescribeCertificateAuthority_RecordedResponse_GivesKeyAlgorithmAndEpochTimestamps()
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", "DescribeCertificateAuthority");
        var expected = fixture.ParsedOutput!.Value.GetProperty("CertificateAuthority");

        var ca = AcmPcaResponses.DescribeCertificateAuthority(Encoding.UTF8.GetBytes(fixture.ResponseBody)).CertificateAuthority;

        Assert.Equal(expected.GetProperty("Arn").GetString(), ca.Arn);
        Assert.Equal(expected.GetProperty("Status").GetString(), ca.Status);
        Assert.Equal(expected.GetProperty("Type").GetString(), ca.Type);
        Assert.Equal(expected.GetProperty("Serial").GetString(), ca.Serial);
        Assert.Equal(expected.GetProperty("CertificateAuthorityConfiguration").GetProperty("KeyAlgorithm").GetString(), ca.CertificateAuthorityConfiguration!.KeyAlgorithm);
        Assert.Equal(expected.GetProperty("CertificateAuthorityConfiguration").GetProperty("SigningAlgorithm").GetString(), ca.CertificateAuthorityConfiguration.SigningAlgorithm);
        Assert.Equal("Example Device Issuing CA", ca.CertificateAuthorityConfiguration.Subject!.CommonName);
        Assert.Equal(Date(expected, "CreatedAt"), ca.CreatedAt);
        Assert.Equal(Date(expected, "LastStateChangeAt"), ca.LastStateChangeAt);
        Assert.Equal(Date(expected, "NotBefore"), ca.NotBefore);
        Assert.Equal(Date(expected, "NotAfter"), ca.NotAfter);
    }

    [Fact]
    public void ParseRevokeCertificate_RecordedResponse_IsEmptySuccess()
    {
        var fixture = AwsWireFixtures.Get("acm-pca.json", "RevokeCertificate");

        Assert.Equal(200, fixture.ResponseStatus);
        Assert.Equal("", fixture.ResponseBody);
        Assert.Equal(["$metadata"], fixture.ParsedOutput!.Value.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Parse_BodyThatIsNotTheOutput_ThrowsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => AcmPcaResponses.GetCertificate("[1,2]"u8.ToArray()));

        Assert.Contains("GetCertificate", error.Message, StringComparison.Ordinal);
    }

    private static string? Expected(AwsWireFixture fixture, string member) =>
        fixture.ParsedOutput!.Value.GetProperty(member).GetString();

    private static DateTimeOffset Date(JsonElement parent, string member) =>
        DateTimeOffset.Parse(parent.GetProperty(member).GetProperty("$date").GetString()!, CultureInfo.InvariantCulture);
}
