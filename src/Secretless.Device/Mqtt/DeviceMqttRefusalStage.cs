namespace Secretless.Device.Mqtt;

/// <summary>Where the endpoint refused the device.</summary>
public enum DeviceMqttRefusalStage
{
    /// <summary>
    /// The endpoint ended the TLS connection after this device had verified the endpoint's own
    /// certificate and before any CONNACK: it did not accept the device's client certificate.
    /// </summary>
    TlsHandshake,

    /// <summary>CONNACK with a failure reason code (e.g. 135 NotAuthorized, 133 ClientIdentifierNotValid).</summary>
    Connect,

    /// <summary>PUBACK with a failure reason code, or the endpoint disconnected the device on a publish.</summary>
    Publish,

    /// <summary>SUBACK with a failure reason code, or the endpoint disconnected the device on a subscribe.</summary>
    Subscribe,
}
