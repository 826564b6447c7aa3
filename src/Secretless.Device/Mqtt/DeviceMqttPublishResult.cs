namespace Secretless.Device.Mqtt;

/// <summary>The endpoint's PUBACK for one QoS 1 publish.</summary>
public sealed record DeviceMqttPublishResult(string Topic, int PayloadBytes, DeviceMqttReason Reason, string? ReasonString)
{
    public bool Succeeded => Reason.IsSuccess;
}
