namespace Secretless.Device.Mqtt;

/// <summary>
/// An MQTT 5 reason code as the endpoint sent it (CONNACK, PUBACK, SUBACK or DISCONNECT), with
/// its name from the specification, e.g. <c>135 NotAuthorized</c>.
/// </summary>
public readonly record struct DeviceMqttReason(int Code, string Name)
{
    /// <summary>0x00: success (CONNACK, PUBACK) or "granted QoS 0" (SUBACK).</summary>
    public static DeviceMqttReason Success { get; } = new(0, "Success");

    /// <summary>Codes below 0x80 are successes in MQTT 5 (e.g. 16 NoMatchingSubscribers, 1 GrantedQoS1).</summary>
    public bool IsSuccess => Code < 0x80;

    internal static DeviceMqttReason From<TCode>(TCode code)
        where TCode : struct, Enum
        => new(Convert.ToInt32(code, System.Globalization.CultureInfo.InvariantCulture), code.ToString());

    public override string ToString() => $"{Code} {Name}";
}
