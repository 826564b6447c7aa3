using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device.Mqtt;

/// <summary>How a device connects to its IoT endpoint (MQTT 5 over mutual TLS).</summary>
public sealed class DeviceMqttConnectionOptions
{
    /// <summary>Host name or address of the endpoint; also the name its TLS certificate must carry.</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = 8883;

    /// <summary>The MQTT client id; AWS IoT (and the local endpoint) require the thing name.</summary>
    public required string ClientId { get; init; }

    /// <summary>The device certificate with its private key (see <see cref="DeviceMqttCredentials"/>).</summary>
    public required X509Certificate2 ClientCertificate { get; init; }

    /// <summary>
    /// PEM certificates the endpoint's TLS certificate must chain to: self-signed ones are trust
    /// anchors, the others may serve as intermediates (e.g. <c>ca-chain.pem</c>).
    /// </summary>
    public required string TrustedCaPem { get; init; }

    /// <summary>Limit for TCP + TLS + CONNACK, and for each later acknowledgement.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentException.ThrowIfNullOrEmpty(ClientId);
        ArgumentNullException.ThrowIfNull(ClientCertificate);
        ArgumentException.ThrowIfNullOrWhiteSpace(TrustedCaPem);
        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"Port must be 1–65535 but is {Port}.", nameof(Port));
        }

        if (!ClientCertificate.HasPrivateKey)
        {
            throw new ArgumentException("The client certificate has no private key.", nameof(ClientCertificate));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
        }
    }
}
