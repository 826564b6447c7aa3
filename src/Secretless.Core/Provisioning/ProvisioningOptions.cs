namespace Secretless.Core.Provisioning;

/// <summary>What the service decides about every certificate it issues.</summary>
public sealed class ProvisioningOptions
{
    /// <summary>Certificate lifetime; notAfter is still clamped to the issuer's notAfter.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>notBefore is set this far in the past so devices with a slow clock accept it.</summary>
    public TimeSpan NotBeforeBackdate { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The product-line policy attached to every certificate (created on first use).</summary>
    public string PolicyName { get; set; } = "secretless-default";

    /// <summary>AWS IoT policy JSON; null means the default product-line policy.</summary>
    public string? PolicyDocument { get; set; }

    /// <summary>
    /// How long a thing's older certificates stay usable after a newer one was registered for it.
    /// Zero (the default) revokes them while the new certificate is issued; a positive period
    /// revokes them once the newer certificate has been registered that long (at the thing's next
    /// provisioning, and in <c>serve</c> by the superseded-certificate sweep when the registry can
    /// find them). Must not be negative.
    /// </summary>
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How many registered device keys stay imported for signature checks: a device provisioning
    /// again (a retry with a new CSR, a renewal) skips the key import, which on OpenSSL 3 costs
    /// more than the verification itself. Each entry holds about 6 KB (mostly native), so the
    /// default stays near 25 MB; keys not used recently are dropped first. Must be positive.
    /// </summary>
    public int RegisteredKeyCacheCapacity { get; set; } = 4096;
}
