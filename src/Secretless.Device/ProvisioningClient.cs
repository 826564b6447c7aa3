using System.Net;
using System.Security.Cryptography;
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

        var result = ProvisioningHttp.ToResult(body, caChainPem);
        IssuedCertificateVerifier.Verify(
            result.CertificatePem,
            result.CertificateChainPem,
            caChainPem,
            trustAnchorPem,
            deviceId,
            privateKey,
            timeProvider.GetUtcNow());

        return result;
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

        return ProvisioningHttp.ParseIssued(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private Task<ProvisioningFailedException> ToFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ProvisioningHttp.ToFailureAsync(response, timeProvider.GetUtcNow(), cancellationToken);

    private static Uri Resolve(Uri server, string route) => ProvisioningHttp.Resolve(server, route);
}
