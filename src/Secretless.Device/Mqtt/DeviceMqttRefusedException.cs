namespace Secretless.Device.Mqtt;

/// <summary>
/// The endpoint answered and said no: a failure reason code, or the TLS connection closed because
/// the client certificate was not accepted. Retrying the same request will not help.
/// </summary>
public sealed class DeviceMqttRefusedException : Exception
{
    public DeviceMqttRefusedException()
        : this("The MQTT endpoint refused the device.")
    {
    }

    public DeviceMqttRefusedException(string message)
        : this(message, DeviceMqttRefusalStage.Connect, null, null, null)
    {
    }

    public DeviceMqttRefusedException(string message, Exception innerException)
        : this(message, DeviceMqttRefusalStage.Connect, null, null, innerException)
    {
    }

    public DeviceMqttRefusedException(
        string message,
        DeviceMqttRefusalStage stage,
        DeviceMqttReason? reason,
        string? reasonString,
        Exception? innerException)
        : base(message, innerException)
    {
        Stage = stage;
        Reason = reason;
        ReasonString = reasonString;
    }

    public DeviceMqttRefusalStage Stage { get; }

    /// <summary>The reason code the endpoint sent; null when it closed the TLS connection without one.</summary>
    public DeviceMqttReason? Reason { get; }

    /// <summary>The MQTT 5 reason string, when the endpoint sent one.</summary>
    public string? ReasonString { get; }
}
