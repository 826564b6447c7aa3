using Secretless.Aws.Http;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// A thin typed ACM PCA client for exactly the operations the certificate authority backend
/// uses. Signing, retries on throttling/5xx and error parsing are the transport's
/// (<see cref="AwsServiceClient"/>); service errors surface as <see cref="AwsServiceException"/>.
/// </summary>
public sealed class AcmPcaClient
{
    private readonly AwsServiceClient _transport;

    public AcmPcaClient(AwsServiceClient transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    /// <summary>The endpoint for ACM PCA in <paramref name="region"/>, or an emulator at <paramref name="serviceUrl"/>.</summary>
    public static AwsServiceEndpoint EndpointFor(string region, Uri? serviceUrl) =>
        AwsServiceEndpoint.For(AcmPcaRequests.SigningName, "acm-pca", region, serviceUrl);

    public async Task<IssueCertificateResponse> IssueCertificateAsync(IssueCertificateRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(AcmPcaRequests.IssueCertificate(request), cancellationToken).ConfigureAwait(false);
        return AcmPcaResponses.IssueCertificate(response.Body);
    }

    /// <summary>Throws <see cref="AwsServiceException"/> with <c>RequestInProgressException</c> while issuance is still running.</summary>
    public async Task<GetCertificateResponse> GetCertificateAsync(GetCertificateRequest request, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(AcmPcaRequests.GetCertificate(request), cancellationToken).ConfigureAwait(false);
        return AcmPcaResponses.GetCertificate(response.Body);
    }

    public async Task RevokeCertificateAsync(RevokeCertificateRequest request, CancellationToken cancellationToken) =>
        await _transport.SendAsync(AcmPcaRequests.RevokeCertificate(request), cancellationToken).ConfigureAwait(false);

    public async Task<GetCertificateAuthorityCertificateResponse> GetCertificateAuthorityCertificateAsync(
        GetCertificateAuthorityCertificateRequest request,
        CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(AcmPcaRequests.GetCertificateAuthorityCertificate(request), cancellationToken).ConfigureAwait(false);
        return AcmPcaResponses.GetCertificateAuthorityCertificate(response.Body);
    }

    public async Task<DescribeCertificateAuthorityResponse> DescribeCertificateAuthorityAsync(
        DescribeCertificateAuthorityRequest request,
        CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(AcmPcaRequests.DescribeCertificateAuthority(request), cancellationToken).ConfigureAwait(false);
        return AcmPcaResponses.DescribeCertificateAuthority(response.Body);
    }
}
