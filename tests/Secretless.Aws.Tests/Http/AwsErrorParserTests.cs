using System.Text;
using Secretless.Aws.Http;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.Http;

public sealed class AwsErrorParserTests
{
    public static TheoryData<string> ErrorCases() => AwsWireFixtures.Cases("errors.json");

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Parse_RecordedErrorResponse_NamesTheSdkException(string @case)
    {
        var fixture = AwsWireFixtures.Get("errors.json", @case);

        var error = AwsErrorParser.Parse(fixture.SigningName, fixture.Operation, fixture.ResponseStatus, fixture.ResponseHeaders, Encoding.UTF8.GetBytes(fixture.ResponseBody));

        Assert.Equal(fixture.SdkExceptionName, error.ErrorCode);
        Assert.Equal(fixture.ResponseStatus, error.StatusCode);
        Assert.Equal(fixture.ResponseHeaders["x-amzn-RequestId"], error.RequestId);
        Assert.Equal(fixture.Operation, error.Operation);
        Assert.False(string.IsNullOrEmpty(error.ServiceMessage));
    }

    [Theory]
    [InlineData("ThrottlingException", true)]
    [InlineData("ResourceNotFoundException", false)]
    [InlineData("MalformedCSRException", false)]
    public void Parse_AcmPcaRecordedError_ClassifiesRetry(string code, bool retryable)
    {
        var fixture = AwsWireFixtures.Errors.First(f => f.SigningName == "acm-pca" && f.SdkExceptionName == code);

        var error = AwsErrorParser.Parse(fixture.SigningName, fixture.Operation, fixture.ResponseStatus, fixture.ResponseHeaders, Encoding.UTF8.GetBytes(fixture.ResponseBody));

        Assert.Equal(retryable, error.IsRetryable);
    }

    [Theory]
    [InlineData("com.amazonaws.acmpca#RequestInProgressException", "RequestInProgressException")]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.iot/", "ThrottlingException")]
    [InlineData("aws.protocoltests#Foo:http://x/#y", "Foo")]
    [InlineData("  CertificateStateException ", "CertificateStateException")]
    [InlineData(":", "Unknown")]
    public void Sanitize_RawCode_DropsNamespaceAndSuffix(string raw, string expected)
    {
        Assert.Equal(expected, AwsErrorParser.Sanitize(raw));
    }

    [Theory]
    [InlineData(503, "<html>Service Unavailable</html>", "ServiceUnavailableException", true)]
    [InlineData(429, "", "ThrottlingException", true)]
    [InlineData(500, "{}", "Unknown", true)]
    [InlineData(400, "not json", "Unknown", false)]
    public void Parse_BodyWithoutCode_FallsBackOnStatus(int status, string body, string expectedCode, bool retryable)
    {
        var error = AwsErrorParser.Parse("acm-pca", "IssueCertificate", status, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body));

        Assert.Equal(expectedCode, error.ErrorCode);
        Assert.Equal(retryable, error.IsRetryable);
    }

    [Fact]
    public void Parse_HeaderNameInOtherCase_StillPrefersHeader()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["X-AMZN-ERRORTYPE"] = "ConflictException:x", ["X-Amzn-RequestId"] = "req-1" };

        var error = AwsErrorParser.Parse("iot", "CreateThing", 409, headers, Encoding.UTF8.GetBytes("{\"__type\":\"Other\",\"Message\":\"m\"}"));

        Assert.Equal("ConflictException", error.ErrorCode);
        Assert.Equal("req-1", error.RequestId);
        Assert.Equal("m", error.ServiceMessage);
    }
}
