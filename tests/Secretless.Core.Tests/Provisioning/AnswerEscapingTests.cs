using System.Text;
using System.Text.Json;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>
/// What devices parse: answers made only of the service's own values escape just what JSON
/// requires; problem bodies, which can carry device input, keep HTML-safe escaping.
/// </summary>
public sealed class AnswerEscapingTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB+zCCAaGgAwIBAgIU/x+Y==\n-----END CERTIFICATE-----\n";

    [Fact]
    public void ProvisioningResponseBody_PemWithPlusAndSlash_WrittenLiterallyAndRoundTrips()
    {
        var certificate = new ProvisionedCertificate(Pem, Pem + Pem, "127.0.0.1:8883", "ab12", new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));

        var bytes = ProvisioningResponseBody.Serialize(certificate);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Contains("MIIB+zCCAaGgAwIBAgIU/x+Y==\\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(bytes);
        Assert.Equal(Pem, parsed.RootElement.GetProperty("certificate").GetString());
        Assert.Equal(Pem + Pem, parsed.RootElement.GetProperty("certificateChain").GetString());
        Assert.Equal("2027-01-02T03:04:05Z", parsed.RootElement.GetProperty("notAfter").GetString());
    }

    [Fact]
    public void LatentDeliveryBody_UrlWithQuery_AmpersandWrittenLiterally()
    {
        var url = new Uri("https://provision.example/certificates/k1?expires=1700000000&signature=a+b%2F");

        var text = Encoding.UTF8.GetString(LatentDeliveryBody.Serialize(url, new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero)));

        Assert.Equal(
            "{\"certificateUrl\":\"https://provision.example/certificates/k1?expires=1700000000&signature=a+b%2F\",\"expiresAt\":\"2027-01-02T03:04:05Z\"}",
            text);
    }

    [Fact]
    public void ProblemBody_DetailWithMarkup_StaysHtmlSafe()
    {
        var text = Encoding.UTF8.GetString(ProblemBody.Serialize(ProvisioningErrors.CsrMalformed("<script>&")));

        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003E\\u0026", text, StringComparison.Ordinal);
    }
}
