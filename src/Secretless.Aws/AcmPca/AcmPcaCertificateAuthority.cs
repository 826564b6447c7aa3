using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Secretless.Aws.Http;
using Secretless.Core.Errors;
using Secretless.Core.Issuance;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// Issues device certificates with AWS Private CA. IssueCertificate carries the verified CSR,
/// the signing algorithm of the CA key, the profile's validity (ABSOLUTE NotBefore/NotAfter), the
/// template and the profile's idempotency token (so a device retrying the same CSR gets the same
/// certificate); GetCertificate is then polled with bounded backoff while ACM PCA answers
/// RequestInProgressException. Past <see cref="AcmPcaCertificateAuthorityOptions.IssueDeadline"/>
/// the device is told to retry (<see cref="BackendUnavailableException"/>).
/// </summary>
public sealed class AcmPcaCertificateAuthority : ICertificateAuthority, IDisposable
{
    /// <summary>ACM PCA's limit on IssueCertificate's IdempotencyToken.</summary>
    public const int MaxIdempotencyTokenLength = 36;

    private readonly AcmPcaClient _client;
    private readonly AcmPcaCertificateAuthorityOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AcmPcaFailures _failures;
    private readonly SemaphoreSlim _cacheLock = new(1, 1);
    private IssuerDescription? _issuer;
    private string? _signingAlgorithm;

    public AcmPcaCertificateAuthority(AcmPcaClient client, AcmPcaCertificateAuthorityOptions options, TimeProvider timeProvider, ILogger<AcmPcaCertificateAuthority> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();
        _client = client;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _failures = new AcmPcaFailures(options, logger);
        _signingAlgorithm = options.SigningAlgorithm;
    }

    /// <summary>The CA certificate and the chain above it (GetCertificateAuthorityCertificate, fetched once).</summary>
    public async ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _issuer) is { } cached)
        {
            return cached;
        }

        await _cacheLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_issuer is null)
            {
                var response = await _failures.CallAsync(
                    "GetCertificateAuthorityCertificate",
                    () => _client.GetCertificateAuthorityCertificateAsync(new GetCertificateAuthorityCertificateRequest(_options.CertificateAuthorityArn), cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                using var caCertificate = AcmPcaPem.Certificate(response.Certificate, "the CA certificate");
                List<byte[]> chain = [caCertificate.RawData, .. AcmPcaPem.CertificatesDer(response.CertificateChain)];
                Volatile.Write(ref _issuer, new IssuerDescription(Utc(caCertificate.NotBefore), Utc(caCertificate.NotAfter), chain));
            }

            return _issuer!;
        }
        finally
        {
            _cacheLock.Release();
        }
    }

    public async Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var deadline = _timeProvider.GetUtcNow() + _options.IssueDeadline;
        var signingAlgorithm = await SigningAlgorithmAsync(cancellationToken).ConfigureAwait(false);
        var request = new IssueCertificateRequest(
            _options.CertificateAuthorityArn,
            AcmPcaPem.CsrPemBytes(profile.CsrDer),
            IdempotencyToken(profile.IdempotencyToken),
            signingAlgorithm,
            _options.TemplateArn,
            Validity.At(profile.NotAfter),
            Validity.At(profile.NotBefore));
        var issued = await _failures.CallAsync(
            "IssueCertificate", () => _client.IssueCertificateAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        AcmPcaLog.IssueRequested(_logger, profile.DeviceId, issued.CertificateArn);

        var (certificate, polls) = await PollAsync(issued.CertificateArn, deadline, cancellationToken).ConfigureAwait(false);
        using var leaf = AcmPcaPem.Certificate(certificate.Certificate, issued.CertificateArn);
        IssuedCertificateGuard.ThrowIfNotFor(profile, leaf, $"ACM PCA certificate {issued.CertificateArn}");
        var serialHex = Convert.ToHexStringLower(leaf.SerialNumberBytes.Span);
        AcmPcaLog.Issued(_logger, serialHex, profile.DeviceId, issued.CertificateArn, polls);
        return new IssuedCertificate(
            leaf.RawData,
            AcmPcaPem.CertificatesDer(certificate.CertificateChain),
            serialHex,
            Utc(leaf.NotAfter),
            issued.CertificateArn);
    }

    /// <summary>
    /// Revokes a certificate this CA issued. <paramref name="serialNumberHex"/> is hex with or without
    /// colons; <paramref name="reason"/> an ACM PCA revocation reason (<c>KEY_COMPROMISE</c>, …).
    /// Revoking an already revoked certificate succeeds.
    /// </summary>
    public async Task RevokeCertificateAsync(string serialNumberHex, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumberHex);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var serial = ColonSeparatedSerial(serialNumberHex);
        try
        {
            await _failures.CallAsync(
                "RevokeCertificate",
                async () =>
                {
                    await _client.RevokeCertificateAsync(new RevokeCertificateRequest(_options.CertificateAuthorityArn, serial, reason), cancellationToken).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            AcmPcaLog.Revoked(_logger, serial, reason);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is AwsServiceException { ErrorCode: "RequestAlreadyProcessedException" })
        {
            AcmPcaLog.AlreadyRevoked(_logger, serial);
        }
    }

    public void Dispose() => _cacheLock.Dispose();

    /// <summary><c>3ce7e2…</c> or <c>3C:E7:E2…</c> as ACM PCA wants it: <c>3c:e7:e2:…</c>.</summary>
    public static string ColonSeparatedSerial(string serialNumberHex)
    {
        ArgumentNullException.ThrowIfNull(serialNumberHex);
        var hex = serialNumberHex.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{serialNumberHex}' is not a hexadecimal certificate serial number.", nameof(serialNumberHex));
        }

        return string.Join(':', hex.Chunk(2).Select(pair => new string(pair)));
    }

    private static string IdempotencyToken(string token) =>
        token.Length <= MaxIdempotencyTokenLength ? token : token[..MaxIdempotencyTokenLength];

    private static DateTimeOffset Utc(DateTime time) => new(time.ToUniversalTime(), TimeSpan.Zero);

    private async Task<(GetCertificateResponse Certificate, int Polls)> PollAsync(string certificateArn, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var delay = _options.PollInitialDelay;
        var request = new GetCertificateRequest(_options.CertificateAuthorityArn, certificateArn);
        for (var polls = 1; ; polls++)
        {
            // ACM PCA needs a moment to sign; wait before every poll, the first one included.
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await _failures.CallAsync(
                    "GetCertificate", () => _client.GetCertificateAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
                return (response, polls);
            }
            catch (AwsServiceException exception) when (exception.ErrorCode == AwsErrorCodes.RequestInProgress)
            {
                delay = TimeSpan.FromTicks(Math.Min(Math.Max(delay.Ticks * 2, 1), _options.PollMaxDelay.Ticks));
                if (_timeProvider.GetUtcNow() + delay > deadline)
                {
                    AcmPcaLog.DeadlinePassed(_logger, certificateArn, _options.IssueDeadline, _options.UnavailableRetryAfter);
                    throw new BackendUnavailableException(
                        AcmPcaFailures.Backend,
                        _options.UnavailableRetryAfter,
                        $"ACM PCA is still issuing {certificateArn} after {_options.IssueDeadline}; retry with the same CSR to collect it.",
                        exception);
                }

                AcmPcaLog.StillInProgress(_logger, certificateArn, polls, delay);
            }
        }
    }

    private async Task<string> SigningAlgorithmAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _signingAlgorithm) is { } known)
        {
            return known;
        }

        var described = await _failures.CallAsync(
            "DescribeCertificateAuthority",
            () => _client.DescribeCertificateAuthorityAsync(new DescribeCertificateAuthorityRequest(_options.CertificateAuthorityArn), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var configuration = described.CertificateAuthority.CertificateAuthorityConfiguration
            ?? throw new InvalidOperationException($"ACM PCA describes {_options.CertificateAuthorityArn} without a configuration; set the SigningAlgorithm option.");
        var algorithm = AcmPcaSigningAlgorithms.ForKeyAlgorithm(configuration.KeyAlgorithm, configuration.SigningAlgorithm);
        AcmPcaLog.SigningAlgorithmResolved(_logger, algorithm, configuration.KeyAlgorithm, _options.CertificateAuthorityArn);
        Volatile.Write(ref _signingAlgorithm, algorithm);
        return algorithm;
    }
}
