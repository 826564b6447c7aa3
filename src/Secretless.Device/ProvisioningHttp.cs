using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Secretless.Device.Json;

namespace Secretless.Device;

/// <summary>The wire format of the device contract, shared by the one-shot and the resilient client.</summary>
internal static class ProvisioningHttp
{
    // "https://host/prefix" and "https://host/prefix/" both resolve to "https://host/prefix/new".
    public static Uri Resolve(Uri server, string route)
    {
        var text = server.ToString();
        var baseUri = text.EndsWith('/') ? server : new Uri(text + "/");
        return new Uri(baseUri, route);
    }

    public static ProvisioningResponseBody ParseIssued(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DeviceJsonContext.Default.ProvisioningResponseBody)
                ?? throw new CertificateVerificationException("The 200 answer is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new CertificateVerificationException("The 200 answer is not the expected JSON.", exception);
        }
    }

    /// <summary>The verified-to-be-complete 200 body as a result (the certificate itself is checked by the caller).</summary>
    public static ProvisioningResult ToResult(ProvisioningResponseBody body, string caChainPem)
    {
        if (body.Certificate is null || body.CertificateChain is null || body.Endpoint is null
            || body.CertificateId is null || body.NotAfter is null)
        {
            throw new CertificateVerificationException(
                "The 200 answer lacks one of certificate, certificateChain, endpoint, certificateId, notAfter.");
        }

        if (!DateTimeOffset.TryParse(body.NotAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var notAfter))
        {
            throw new CertificateVerificationException($"The 200 answer's notAfter '{body.NotAfter}' is not a date.");
        }

        return new ProvisioningResult(body.Certificate, body.CertificateChain, body.Endpoint, body.CertificateId, notAfter, caChainPem);
    }

    /// <summary>The certificate URL of a 202: the JSON's <c>certificateUrl</c>, else <c>Location</c>, resolved against the server.</summary>
    public static async Task<Uri> ReadCertificateUrlAsync(HttpResponseMessage response, Uri server, CancellationToken cancellationToken)
    {
        string? url = null;
        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (json.Length > 0)
        {
            try
            {
                url = JsonSerializer.Deserialize(json, DeviceJsonContext.Default.LatentDeliveryResponseBody)?.CertificateUrl;
            }
            catch (JsonException exception)
            {
                throw new CertificateVerificationException("The 202 answer is not the expected JSON.", exception);
            }
        }

        url ??= response.Headers.Location?.OriginalString;
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(Resolve(server, string.Empty), url, out var resolved))
        {
            throw new CertificateVerificationException("The 202 answer carries no usable certificateUrl or Location.");
        }

        return resolved;
    }

    public static async Task<ProvisioningFailedException> ToFailureAsync(
        HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter, response.Headers.Date ?? now);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (mediaType is "application/problem+json" or "application/json" && text.Length > 0)
        {
            try
            {
                var problem = JsonSerializer.Deserialize(text, DeviceJsonContext.Default.ProblemResponseBody);
                return new ProvisioningFailedException(response.StatusCode, problem?.Code, problem?.Detail ?? problem?.Title, retryAfter);
            }
            catch (JsonException)
            {
                // Fall through: report the status with the raw (bounded) text.
            }
        }

        var detail = text.Length == 0 ? response.ReasonPhrase : Truncate(text, 200);
        return new ProvisioningFailedException(response.StatusCode, null, detail, retryAfter);
    }

    /// <summary>Retry-After as a wait: delta-seconds as is, an HTTP date relative to the answer's Date (or now); never negative.</summary>
    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) =>
        retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
