namespace Secretless.Device.Mqtt;

/// <summary>A message the endpoint delivered to this device on one of its subscriptions.</summary>
public sealed record DeviceMqttMessage(string Topic, byte[] Payload);
