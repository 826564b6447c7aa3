using System.Globalization;
using System.Net;

namespace Secretless.Local.Mqtt;

/// <summary>Settings of the embedded MQTT broker (the local stand-in for AWS IoT Core's data plane).</summary>
public sealed class LocalMqttBrokerOptions
{
    /// <summary>The slowest allowed revocation poll: status changes must close sessions within 1 s.</summary>
    public static readonly TimeSpan MaximumRevocationPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The IP address the TLS endpoint listens on (IPv4 or IPv6); loopback by default.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The TLS port (MQTT over TLS is 8883); 0 picks a free port, see <see cref="LocalMqttBroker.BoundPort"/>.</summary>
    public int Port { get; set; } = 8883;

    /// <summary>The region in the resource ARNs policies are evaluated against.</summary>
    public string Region { get; set; } = "local";

    /// <summary>The 12-digit account id in the resource ARNs policies are evaluated against.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>How often the registry's status-change feed is read to close sessions of revoked certificates.</summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            throw new ArgumentException(
                $"SL1101: LocalMqttBrokerOptions.BindAddress must be an IP address such as 127.0.0.1 or ::1 but is '{BindAddress}'.",
                nameof(BindAddress));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException(
                $"SL1102: LocalMqttBrokerOptions.Port must be 0 (any free port) to 65535 but is {Port.ToString(CultureInfo.InvariantCulture)}.",
                nameof(Port));
        }

        if (string.IsNullOrEmpty(Region) || !Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException(
                $"SL1103: LocalMqttBrokerOptions.Region must be lowercase letters, digits and '-' (for example 'local' or 'eu-west-1') but is '{Region}'.",
                nameof(Region));
        }

        if (AccountId is not { Length: 12 } || !AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException(
                $"SL1104: LocalMqttBrokerOptions.AccountId must be 12 digits but is '{AccountId}'.",
                nameof(AccountId));
        }

        if (RevocationPollInterval <= TimeSpan.Zero || RevocationPollInterval > MaximumRevocationPollInterval)
        {
            throw new ArgumentException(
                $"SL1105: LocalMqttBrokerOptions.RevocationPollInterval must be more than 0 and at most 1 s (revocation closes sessions within 1 s) but is {RevocationPollInterval}.",
                nameof(RevocationPollInterval));
        }
    }
}
