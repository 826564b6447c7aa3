using System.Security.Cryptography;
using Secretless.Core.Csr;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Issuance;

/// <summary>
/// Decides what the device's certificate contains. Nothing is taken from the CSR except the
/// verified device id and key; validity comes from options and never outlives the issuer.
/// </summary>
public sealed class CertificateProfileFactory
{
    public const int SerialNumberLength = 16;

    private readonly ProvisioningOptions _options;

    public CertificateProfileFactory(ProvisioningOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Validity <= TimeSpan.Zero)
        {
            throw new ArgumentException("ProvisioningOptions.Validity must be positive.", nameof(options));
        }

        if (options.NotBeforeBackdate < TimeSpan.Zero)
        {
            throw new ArgumentException("ProvisioningOptions.NotBeforeBackdate must not be negative.", nameof(options));
        }

        _options = options;
        TimeProvider = timeProvider;
    }

    /// <summary>The clock every provisioning decision uses.</summary>
    public TimeProvider TimeProvider { get; }

    public CertificateProfile Create(InspectedCsr csr, IssuerDescription issuer)
    {
        ArgumentNullException.ThrowIfNull(csr);
        ArgumentNullException.ThrowIfNull(issuer);

        var now = TruncateToSeconds(TimeProvider.GetUtcNow());
        var notBefore = Max(now - _options.NotBeforeBackdate, TruncateUpToSeconds(issuer.NotBefore));
        var notAfter = Min(now + _options.Validity, TruncateToSeconds(issuer.NotAfter));
        if (notAfter <= now)
        {
            // An expired issuing CA is a configuration fault, not something the device can fix.
            throw new InvalidOperationException(
                $"The issuing CA expired at {issuer.NotAfter:O}; renew it before issuing device certificates.");
        }

        return new CertificateProfile(
            csr.DeviceId,
            csr.PublicKey.SpkiDer,
            csr.PublicKey.Algorithm,
            NewSerialNumber(),
            notBefore,
            notAfter,
            IdempotencyToken(csr),
            csr.Der);
    }

    /// <summary>
    /// 16 random bytes, positive and with a non-zero leading byte, so the DER INTEGER is always
    /// exactly 16 bytes (126 random bits, well above the 64 the CA/B rules ask for).
    /// </summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(SerialNumberLength);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }

    /// <summary>
    /// A token derived from the CSR so a backend with its own idempotency (ACM PCA allows 36
    /// printable characters) sees a retry of the same CSR as the same request.
    /// </summary>
    private static string IdempotencyToken(InspectedCsr csr) => csr.Sha256Hex[..32];

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset TruncateUpToSeconds(DateTimeOffset value)
    {
        var truncated = TruncateToSeconds(value);
        return truncated < value ? truncated.AddSeconds(1) : truncated;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
