using System.Security.Cryptography;

namespace Secretless.Device.Runtime;

/// <summary>How a <see cref="DeviceRunner"/> runs one device.</summary>
public sealed class DeviceRunnerOptions
{
    public required string DeviceId { get; init; }

    /// <summary>The device key (the simulated secure element); the runner never disposes it.</summary>
    public required AsymmetricAlgorithm PrivateKey { get; init; }

    /// <summary>The provisioning service's base URL.</summary>
    public required Uri Server { get; init; }

    /// <summary>The device's storage: certificate.pem, chain.pem, ca-chain.pem and endpoint.txt.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>PEM CA chain the device trusts (its self-signed certificates are the trust anchors).</summary>
    public required string TrustedCaPem { get; init; }

    /// <summary>host:port of the MQTT endpoint; null: the one <c>/new</c> returned.</summary>
    public string? Endpoint { get; init; }

    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Renew after this share of the certificate's lifetime (0 &lt; f ≤ 1).</summary>
    public double RenewAt { get; init; } = 0.8;

    /// <summary>How long a new certificate refused as "not registered" counts as replication lag.</summary>
    public TimeSpan ReplicationWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one provisioning per this interval, whatever happens (never a tight loop).</summary>
    public TimeSpan MinimumReprovisionInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Retries within one provisioning (the resilient client's policy). Its deadline is short: when
    /// it passes the runner reports an <c>error</c> event and starts over after a backoff, so an
    /// unreachable server shows up in the events instead of a long silence.
    /// </summary>
    public ProvisioningRetryPolicy ProvisioningPolicy { get; init; } = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(250),
        MaxDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        Deadline = TimeSpan.FromSeconds(15),
    };

    /// <summary>Backoff (full jitter) between connect attempts and after transient failures.</summary>
    public ProvisioningRetryPolicy Backoff { get; init; } = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromSeconds(15),
    };

    /// <summary>Limit for TCP + TLS + CONNACK and each acknowledgement.</summary>
    public TimeSpan MqttTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Shared by the runners of one fleet to bound concurrent provisionings; null: unbounded.</summary>
    public SemaphoreSlim? ProvisioningGate { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(DeviceId);
        ArgumentNullException.ThrowIfNull(PrivateKey);
        ArgumentNullException.ThrowIfNull(Server);
        ArgumentException.ThrowIfNullOrWhiteSpace(OutDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(TrustedCaPem);
        if (Heartbeat <= TimeSpan.Zero)
        {
            throw new ArgumentException("Heartbeat must be positive.", nameof(Heartbeat));
        }

        if (double.IsNaN(RenewAt) || RenewAt is <= 0 or > 1)
        {
            throw new ArgumentException($"RenewAt must be above 0 and at most 1 but is {RenewAt}.", nameof(RenewAt));
        }

        if (ReplicationWait < TimeSpan.Zero || MinimumReprovisionInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("ReplicationWait and MinimumReprovisionInterval must not be negative.");
        }

        if (MqttTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MqttTimeout must be positive.", nameof(MqttTimeout));
        }
    }
}
