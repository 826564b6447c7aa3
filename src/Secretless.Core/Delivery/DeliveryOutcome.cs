using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Delivery;

/// <summary>
/// What to answer a device: the provisioning outcome itself (200 or a refusal), or a pre-signed
/// URL where the certificate is (or will be) stored (202).
/// </summary>
public sealed class DeliveryOutcome
{
    private DeliveryOutcome(ProvisioningOutcome? immediate, PresignedPayloadUrl? payloadUrl)
    {
        Immediate = immediate;
        PayloadUrl = payloadUrl;
    }

    /// <summary>The direct answer; null when <see cref="IsLatent"/>.</summary>
    public ProvisioningOutcome? Immediate { get; }

    /// <summary>The 202 answer; null unless <see cref="IsLatent"/>.</summary>
    public PresignedPayloadUrl? PayloadUrl { get; }

    [MemberNotNullWhen(true, nameof(PayloadUrl))]
    [MemberNotNullWhen(false, nameof(Immediate))]
    public bool IsLatent => PayloadUrl is not null;

    public static DeliveryOutcome Direct(ProvisioningOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new DeliveryOutcome(outcome, null);
    }

    public static DeliveryOutcome Latent(PresignedPayloadUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new DeliveryOutcome(null, url);
    }
}
