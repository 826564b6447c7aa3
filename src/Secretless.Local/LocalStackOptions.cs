using Secretless.Local.Storage;

namespace Secretless.Local;

/// <summary>Settings of the embedded (no-cloud) backends.</summary>
public sealed class LocalStackOptions
{
    /// <summary>The device data endpoint devices are told to connect to, as <c>host:port</c>.</summary>
    public string MqttEndpoint { get; set; } = "localhost:8883";

    /// <summary>
    /// Create the local root and issuing CA on first use when <c>pki init</c> has not run, so a
    /// fresh machine can <c>serve</c> at once. Set false to require an explicit <c>pki init</c>.
    /// </summary>
    public bool CreatePkiIfMissing { get; set; } = true;

    /// <summary>Commit durability of the SQLite database; <see cref="SqliteDurability.Full"/> unless traded for speed.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!LocalEndpoint.TryValidate(MqttEndpoint, out var error))
        {
            throw new ArgumentException($"SL1001: LocalStackOptions.MqttEndpoint {error}", nameof(MqttEndpoint));
        }

        if (!Enum.IsDefined(Durability))
        {
            throw new ArgumentException($"SL1002: LocalStackOptions.Durability must be Full or Normal but is {(int)Durability}.", nameof(Durability));
        }
    }
}
