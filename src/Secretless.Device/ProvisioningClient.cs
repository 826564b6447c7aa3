using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Secretless.Device.Json;

namespace Secretless.Device;

/// <summary>
/// The device side of the contract: fetch the CA chain (<c>GET /ca</c>), send the CSR in the
/// <c>device-csr</c> header (<c>POST /new</c>, base64 of the PEM, as the reference sample's
/// devices do), and accept the certificate only after checking it.
/// </summary>
public sealed class ProvisioningClient
{
    /// <summary>The header that carries the CSR.</summary>
    public const string DeviceCsrHeader = "device-csr";

    private readonly HttpClient httpClient;
    private readonly TimeProvider timeProvider;

    public ProvisioningClient(HttpClient httpClient, TimeProvider? timeProvider = null)
    {
        this.httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Returns the PEM chain the service serves at <c>GET /ca</c>.</summary>
    public async Task<string> GetCaChainAsync(Uri server, CancellationToken cancellationToken)
    {
        using var response = await httpClient.GetAsync(Resolve(server, "ca"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ToFailureAsync(response, cancellationToken);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>
    /// Provisions the device and returns the verified certificate.
    /// </summary>
    /// <param name="trustAnchorPem">
    /// Roots the device already trusts (e.g. burnt in at manufacturing); when null, the roots
    /// served by <c>GET /ca</c> over the (already authenticated) TLS connection are used.
    /// </param>
    /// <exception cref="ProvisioningFailedException">The service did not answer 200.</exception>
    /// <exception cref="CertificateVerificationException">The 200 answer is not acceptable.</exception>
    public async Task<ProvisioningResult> ProvisionAsync(
        string deviceId,
        AsymmetricAlgorithm privateKey,
        Uri server,
        string? trustAnchorPem,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(server);

        var caChainPem = await GetCaChainAsync(server, cancellationToken);
        var body = await PostCsrAsync(server, DeviceCsrBuilder.BuildHeaderValue(deviceId, privateKey), cancellationToken);

        if (body.Certificate is null || body.CertificateChain is null || body.Endpoint is null
            || body.CertificateId is null || body.NotAfter is null)
        {
            throw new CertificateVerificationException(
                "The 200 answer lacks one of certificate, certificateChain, endpoint, certificateId, notAfter.");
        }

        if (!DateTimeOffset.TryParse(body.NotAfter, null, System.Globalization.DateTimeStyles.AssumeUniversal, out var notAfter))
        {
            throw new CertificateVerificationException($"The 200 answer's notAfter '{body.NotAfter}' is not a date.");
        }

        IssuedCertificateVerifier.Verify(
            body.Certificate,
            body.CertificateChain,
            caChainPem,
            trustAnchorPem,
            deviceId,
            privateKey,
            timeProvider.GetUtcNow());

        return new ProvisioningResult(body.Certificate, body.CertificateChain, body.Endpoint, body.CertificateId, notAfter, caChainPem);
    }

    private async Task<ProvisioningResponseBody> PostCsrAsync(Uri server, string headerValue, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(server, "new"));
        request.Headers.TryAddWithoutValidation(DeviceCsrHeader, headerValue);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ToFailureAsync(response, cancellationToken);
        }

        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken);
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

    private static async Task<ProvisioningFailedException> ToFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter, response.Headers.Date);
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

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? retryAfter, DateTimeOffset? responseDate) =>
        retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when responseDate is { } now => date - now,
            _ => null,
        };

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    // "https://host/prefix" and "https://host/prefix/" both resolve to "https://host/prefix/new".
    private static Uri Resolve(Uri server, string route)
    {
        var text = server.ToString();
        var baseUri = text.EndsWith('/') ? server : new Uri(text + "/");
        return new Uri(baseUri, route);
    }
}
