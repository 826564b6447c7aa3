using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Aws.Http;
using Secretless.Aws.Iot;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// Issuing-CA rotation when ACM PCA issues and AWS IoT Core registers (<c>ca list|rotate|revoke</c>):
/// the issuer is whatever CA ARN its configuration names, so "rotate" makes the new CA usable
/// (ACTIVE in ACM PCA, registered ACTIVE in AWS IoT) and the caller switches the configuration;
/// "revoke" makes AWS IoT refuse the old CA (its CA certificate INACTIVE) and revokes every
/// device certificate AWS IoT lists under it, in ACM PCA and in AWS IoT. Every step is idempotent,
/// so running a command again finishes an interrupted run.
/// </summary>
public sealed class AcmPcaIssuerAdministration
{
    /// <summary>RFC 5280 reason for the device certificates of a rotated-out CA: they were replaced, not compromised.</summary>
    public const string RevocationReason = "SUPERSEDED";

    private const int ListPageSize = 250;
    private const string RequestAlreadyProcessed = "RequestAlreadyProcessedException";

    private readonly AcmPcaClient _pca;
    private readonly IotClient _iot;
    private readonly string _configuredArn;
    private readonly ILogger _logger;

    /// <param name="configuredCertificateAuthorityArn">The issuer's configured CA (<c>Secretless:Issuer:CertificateAuthorityArn</c>).</param>
    public AcmPcaIssuerAdministration(AcmPcaClient pca, IotClient iot, string configuredCertificateAuthorityArn, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pca);
        ArgumentNullException.ThrowIfNull(iot);
        ArgumentException.ThrowIfNullOrEmpty(configuredCertificateAuthorityArn);
        _pca = pca;
        _iot = iot;
        _configuredArn = configuredCertificateAuthorityArn;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The signed AWS IoT transport for these settings (region, ServiceUrl, credentials, attempts): the
    /// registry's when AWS IoT Core is the registry, else the issuer's, since the CA and AWS IoT share an account.
    /// </summary>
    public static AwsServiceClient CreateIotTransport(AwsBackendOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IotCoreClientFactory.Create(options.Region, options.ServiceUrl, options.Credentials, options.MaxAttempts, timeProvider, logger);
    }

    /// <summary>The configured CA ARN, which <c>ca list</c> reports as the active issuer.</summary>
    public string ActiveIssuerId => _configuredArn;

    /// <summary>The AWS IoT id of a CA certificate: lowercase hex SHA-256 of its DER, as AWS IoT computes it.</summary>
    public static string IotCertificateId(byte[] certificateDer) => Convert.ToHexStringLower(SHA256.HashData(certificateDer));

    /// <summary>ACM PCA's colon-separated lowercase hex serial (<c>3c:e7:…</c>) of a certificate.</summary>
    public static string PcaSerial(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var hex = certificate.SerialNumber.ToLowerInvariant();
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
    }

    /// <summary>The configured CA, described by ACM PCA (status) and its own certificate (subject, serial, validity).</summary>
    public async Task<IReadOnlyList<AcmPcaIssuerInfo>> ListAsync(CancellationToken cancellationToken)
        => [await DescribeAsync(_configuredArn, cancellationToken).ConfigureAwait(false)];

    public async Task<AcmPcaIssuerInfo> DescribeAsync(string certificateAuthorityArn, CancellationToken cancellationToken)
    {
        var description = await DescribeCaAsync(certificateAuthorityArn, cancellationToken).ConfigureAwait(false);
        var pcaStatus = description.Status ?? "UNKNOWN";
        var status = StatusOf(certificateAuthorityArn, pcaStatus);
        if (pcaStatus is "CREATING" or "PENDING_CERTIFICATE" or "FAILED")
        {
            // No CA certificate exists yet: ACM PCA's description is all there is.
            return new AcmPcaIssuerInfo(certificateAuthorityArn, status, pcaStatus, SubjectOf(description), description.Serial ?? "",
                description.NotBefore ?? default, description.NotAfter ?? default, description.CreatedAt ?? default, null);
        }

        using var certificate = await CaCertificateAsync(certificateAuthorityArn, cancellationToken).ConfigureAwait(false);
        return new AcmPcaIssuerInfo(
            certificateAuthorityArn,
            status,
            pcaStatus,
            certificate.Subject,
            certificate.SerialNumber.ToLowerInvariant(),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            description.CreatedAt ?? new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            status == "revoked" ? description.LastStateChangeAt : null);
    }

    /// <summary>
    /// Makes <paramref name="newCertificateAuthorityArn"/> ready to be the issuer: it must be ACTIVE in ACM
    /// PCA, and its certificate is registered with AWS IoT (SNI_ONLY: no verification certificate, so
    /// no access to the CA's key is needed) and set ACTIVE. Already registered is fine.
    /// </summary>
    /// <exception cref="AcmPcaIssuerNotFoundException">ACM PCA does not know the CA.</exception>
    /// <exception cref="AcmPcaIssuerNotActiveException">The CA is not ACTIVE.</exception>
    public async Task<AcmPcaIssuerRotation> RotateAsync(string newCertificateAuthorityArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(newCertificateAuthorityArn);
        var description = await DescribeCaAsync(newCertificateAuthorityArn, cancellationToken).ConfigureAwait(false);
        if (description.Status != "ACTIVE")
        {
            throw new AcmPcaIssuerNotActiveException(
                $"{newCertificateAuthorityArn} is {description.Status ?? "in an unknown state"} in ACM PCA; only an ACTIVE CA can issue. Install its certificate (or enable it) first.");
        }

        using var certificate = await CaCertificateAsync(newCertificateAuthorityArn, cancellationToken).ConfigureAwait(false);
        var pem = certificate.ExportCertificatePem() + "\n";
        var id = IotCertificateId(certificate.RawData);
        var alreadyRegistered = false;
        try
        {
            await _iot.RegisterCACertificateAsync(
                new RegisterCACertificateRequest { CaCertificate = pem, SetAsActive = true, CertificateMode = "SNI_ONLY" },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException exception) when (exception.ErrorCode == AwsErrorCodes.ResourceAlreadyExists)
        {
            // Registered by an earlier run (or by hand): make sure it is ACTIVE again.
            alreadyRegistered = true;
            await _iot.UpdateCACertificateAsync(
                new UpdateCACertificateRequest { CertificateId = id, NewStatus = IotCertificateStatuses.Active }, cancellationToken).ConfigureAwait(false);
        }

        AcmPcaAdministrationLog.CaRegistered(_logger, newCertificateAuthorityArn, id, alreadyRegistered);
        return new AcmPcaIssuerRotation(_configuredArn, newCertificateAuthorityArn, certificate.Subject, id, alreadyRegistered, pem);
    }

    /// <summary>
    /// Revokes a CA that is no longer the issuer: its AWS IoT CA certificate becomes INACTIVE (AWS IoT
    /// then refuses every certificate chaining to it), then every device certificate AWS IoT lists under
    /// it is revoked in ACM PCA (reason SUPERSEDED) and set REVOKED in AWS IoT, in that order, so a
    /// REVOKED status in AWS IoT means both are done and a re-run skips it.
    /// </summary>
    /// <param name="progress">Receives the total once known (<c>(0, total)</c>), then each certificate done.</param>
    /// <exception cref="AcmPcaActiveIssuerRevocationException">The CA is the configured issuer.</exception>
    /// <exception cref="AcmPcaIssuerNotFoundException">ACM PCA or AWS IoT does not know the CA.</exception>
    public async Task<AcmPcaIssuerRevocation> RevokeAsync(
        string certificateAuthorityArn, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateAuthorityArn);
        if (string.Equals(certificateAuthorityArn, _configuredArn, StringComparison.Ordinal))
        {
            throw new AcmPcaActiveIssuerRevocationException(
                $"{certificateAuthorityArn} is the configured issuer; rotate to another CA first (secretless ca rotate --to <ARN>), deploy that, then revoke this one.");
        }

        using var certificate = await CaCertificateAsync(certificateAuthorityArn, cancellationToken).ConfigureAwait(false);
        var caId = IotCertificateId(certificate.RawData);
        try
        {
            await _iot.UpdateCACertificateAsync(
                new UpdateCACertificateRequest { CertificateId = caId, NewStatus = IotCertificateStatuses.Inactive }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException exception) when (exception.ErrorCode == AwsErrorCodes.ResourceNotFound)
        {
            throw new AcmPcaIssuerNotFoundException(
                $"AWS IoT has no CA certificate {caId} for {certificateAuthorityArn}: no device certificate can chain to it there.", exception);
        }

        AcmPcaAdministrationLog.CaDeactivated(_logger, caId, certificateAuthorityArn);
        var deviceCertificates = await ListDeviceCertificatesAsync(caId, cancellationToken).ConfigureAwait(false);
        progress?.Report((0, deviceCertificates.Count));
        int revoked = 0, alreadyRevoked = 0;
        foreach (var summary in deviceCertificates)
        {
            if (summary.Status == IotCertificateStatuses.Revoked)
            {
                alreadyRevoked++;
            }
            else
            {
                await RevokeDeviceCertificateAsync(certificateAuthorityArn, summary.CertificateId!, cancellationToken).ConfigureAwait(false);
                revoked++;
            }

            progress?.Report((revoked + alreadyRevoked, deviceCertificates.Count));
        }

        AcmPcaAdministrationLog.RevocationCompleted(_logger, certificateAuthorityArn, revoked, alreadyRevoked);
        return new AcmPcaIssuerRevocation(certificateAuthorityArn, caId, revoked, alreadyRevoked);
    }

    private async Task RevokeDeviceCertificateAsync(string certificateAuthorityArn, string certificateId, CancellationToken cancellationToken)
    {
        var described = await _iot.DescribeCertificateAsync(new DescribeCertificateRequest { CertificateId = certificateId }, cancellationToken).ConfigureAwait(false);
        using var device = AcmPcaPem.Certificate(described.CertificateDescription?.CertificatePem ?? "", $"AWS IoT certificate {certificateId}");
        var serial = PcaSerial(device);
        try
        {
            await _pca.RevokeCertificateAsync(new RevokeCertificateRequest(certificateAuthorityArn, serial, RevocationReason), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException exception) when (exception.ErrorCode == RequestAlreadyProcessed)
        {
            // Revoked in ACM PCA by an interrupted earlier run: only AWS IoT is left to do.
        }

        await _iot.UpdateCertificateAsync(
            new UpdateCertificateRequest { CertificateId = certificateId, NewStatus = IotCertificateStatuses.Revoked }, cancellationToken).ConfigureAwait(false);
        AcmPcaAdministrationLog.DeviceCertificateRevoked(_logger, certificateId, serial);
    }

    private async Task<List<IotCertificateSummary>> ListDeviceCertificatesAsync(string caId, CancellationToken cancellationToken)
    {
        var all = new List<IotCertificateSummary>();
        string? marker = null;
        do
        {
            var page = await _iot.ListCertificatesByCAAsync(
                new ListCertificatesByCARequest { CaCertificateId = caId, PageSize = ListPageSize, Marker = marker, AscendingOrder = true },
                cancellationToken).ConfigureAwait(false);
            all.AddRange((page.Certificates ?? []).Where(c => c.CertificateId is not null));
            marker = string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker;
        }
        while (marker is not null);

        return all;
    }

    private async Task<CertificateAuthorityDescription> DescribeCaAsync(string arn, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _pca.DescribeCertificateAuthorityAsync(new DescribeCertificateAuthorityRequest(arn), cancellationToken).ConfigureAwait(false);
            return response.CertificateAuthority;
        }
        catch (AwsServiceException exception) when (exception.ErrorCode == AwsErrorCodes.ResourceNotFound)
        {
            throw new AcmPcaIssuerNotFoundException($"ACM PCA has no certificate authority {arn}: {exception.ServiceMessage}", exception);
        }
    }

    private async Task<X509Certificate2> CaCertificateAsync(string arn, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _pca.GetCertificateAuthorityCertificateAsync(new GetCertificateAuthorityCertificateRequest(arn), cancellationToken).ConfigureAwait(false);
            return AcmPcaPem.Certificate(response.Certificate, $"the certificate of {arn}");
        }
        catch (AwsServiceException exception) when (exception.ErrorCode == AwsErrorCodes.ResourceNotFound)
        {
            throw new AcmPcaIssuerNotFoundException($"ACM PCA has no certificate authority {arn}: {exception.ServiceMessage}", exception);
        }
    }

    private string StatusOf(string arn, string pcaStatus) => pcaStatus switch
    {
        "ACTIVE" when string.Equals(arn, _configuredArn, StringComparison.Ordinal) => "active",
        "ACTIVE" or "EXPIRED" => "retired",
        "DISABLED" or "DELETED" => "revoked",
        _ => pcaStatus.ToLowerInvariant(),
    };

    private static string SubjectOf(CertificateAuthorityDescription description)
    {
        var subject = description.CertificateAuthorityConfiguration?.Subject;
        return subject?.CommonName is { } commonName ? $"CN={commonName}" : "";
    }
}
