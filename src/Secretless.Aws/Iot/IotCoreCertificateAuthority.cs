using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Secretless.Core.Issuance;

namespace Secretless.Aws.Iot;

/// <summary>
/// Issues device certificates with AWS IoT Core's own CA (CreateCertificateFromCsr, Amazon's
/// issuing CA). The certificate is created INACTIVE unless
/// <see cref="IotCoreCertificateAuthorityOptions.SetAsActive"/>: it becomes ACTIVE only when the
/// thing registry registers it, so an issuance whose registration never starts (or is rolled
/// back) leaves no ACTIVE certificate behind.
/// </summary>
/// <remarks>
/// AWS IoT decides the certificate's contents itself: subject and key come from the CSR, validity
/// is Amazon's (today until 2049-12-31). The profile's notBefore/notAfter and serial cannot be
/// honoured; the returned <see cref="IssuedCertificate.NotAfter"/> and serial are read from the
/// issued certificate. The key is checked: a certificate for any other key than the profile's is refused.
/// </remarks>
public sealed class IotCoreCertificateAuthority : ICertificateAuthority
{
    /// <summary>Amazon's issuing CA has no validity AWS publishes for clamping; these bounds clamp nothing.</summary>
    private static readonly DateTimeOffset UnboundedNotAfter = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private readonly IotClient _iot;
    private readonly IotCoreCertificateAuthorityOptions _options;
    private readonly IssuerDescription _issuer;
    private readonly ILogger _logger;

    public IotCoreCertificateAuthority(IotClient iot, IotCoreCertificateAuthorityOptions options, ILogger<IotCoreCertificateAuthority> logger)
    {
        ArgumentNullException.ThrowIfNull(iot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();
        _iot = iot;
        _options = options;
        _logger = logger;
        var chain = string.IsNullOrWhiteSpace(options.CaChainPem) ? [] : IotOptionRules.ReadCertificates(options.CaChainPem);
        _issuer = new IssuerDescription(DateTimeOffset.UnixEpoch, UnboundedNotAfter, chain);
    }

    /// <summary>
    /// Unbounded validity (AWS IoT sets it) and the chain from
    /// <see cref="IotCoreCertificateAuthorityOptions.CaChainPem"/>, or none.
    /// </summary>
    public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult(_issuer);

    /// <summary>CreateCertificateFromCsr with the profile's verified CSR; the reference is the certificate ARN.</summary>
    public async Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var csrPem = new string(PemEncoding.Write("CERTIFICATE REQUEST", profile.CsrDer)) + "\n";
        var response = await IotFailures.GuardAsync("CreateCertificateFromCsr", _options.UnavailableRetryAfter, _logger, () =>
            _iot.CreateCertificateFromCsrAsync(
                new CreateCertificateFromCsrRequest { CertificateSigningRequest = csrPem, SetAsActive = _options.SetAsActive },
                cancellationToken));
        if (response.CertificatePem is not { Length: > 0 } pem || response.CertificateArn is not { Length: > 0 } arn)
        {
            throw new InvalidOperationException("AWS IoT CreateCertificateFromCsr answered without certificatePem or certificateArn.");
        }

        using var certificate = X509Certificate2.CreateFromPem(pem);
        IssuedCertificateGuard.ThrowIfNotFor(profile, certificate, $"AWS IoT certificate {arn}");

        IotCoreLog.CertificateIssued(_logger, response.CertificateId ?? arn, profile.DeviceId, _options.SetAsActive);
        return new IssuedCertificate(
            certificate.RawData,
            _issuer.ChainDer,
            Convert.ToHexStringLower(certificate.SerialNumberBytes.Span),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            arn);
    }
}
