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
}
