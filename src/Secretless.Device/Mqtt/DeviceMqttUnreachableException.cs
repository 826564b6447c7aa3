namespace Secretless.Device.Mqtt;

/// <summary>
/// No MQTT conversation took place: the host did not resolve, nothing listened, the connection
/// timed out, or the endpoint's TLS certificate is not trusted (wrong CA, wrong host name).
/// </summary>
public sealed class DeviceMqttUnreachableException : Exception
{
    public DeviceMqttUnreachableException()
        : this("The MQTT endpoint is unreachable.")
    {
    }

    public DeviceMqttUnreachableException(string message)
        : base(message)
    {
    }

    public DeviceMqttUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when TCP worked but the endpoint's certificate failed this device's checks.</summary>
    public bool ServerCertificateRejected { get; init; }
}
