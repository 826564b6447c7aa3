namespace Secretless.Device.Runtime;

/// <summary>What a running device does after the endpoint refused it.</summary>
public enum ConnectRefusalAction
{
    /// <summary>Keep the certificate and connect again after a backoff: the region may not have it yet.</summary>
    RetryConnect,

    /// <summary>Get a new certificate now (reason auth-refused).</summary>
    ReprovisionAuthRefused,

    /// <summary>Get a new certificate now (reason tls-refused).</summary>
    ReprovisionTlsRefused,
}
