using Secretless.Device.Mqtt;

namespace Secretless.Device.Runtime;

/// <summary>
/// Tells replication lag from a real refusal. A region that has not yet received a certificate
/// answers CONNECT with 134 BadUserNameOrPassword ("the certificate is not registered", as AWS IoT
/// does for an unknown certificate); while the certificate is younger than the replication wait
/// that is expected and the device retries the connect. Every other refusal (135 NotAuthorized for
/// a REVOKED or INACTIVE certificate, a TLS refusal of the client certificate, or the unknown
/// certificate after the wait) means this certificate will not work: provision a new one.
/// </summary>
public static class ConnectRefusalPolicy
{
    /// <summary>MQTT 5 CONNACK 0x86.</summary>
    public const int BadUserNameOrPasswordCode = 134;

    public static ConnectRefusalAction Decide(DeviceMqttRefusedException refusal, TimeSpan certificateAge, TimeSpan replicationWait)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (refusal.Stage == DeviceMqttRefusalStage.TlsHandshake)
        {
            return ConnectRefusalAction.ReprovisionTlsRefused;
        }

        return IsNotRegistered(refusal) && certificateAge < replicationWait
            ? ConnectRefusalAction.RetryConnect
            : ConnectRefusalAction.ReprovisionAuthRefused;
    }

    /// <summary>Whether the endpoint said it does not know the certificate (yet).</summary>
    public static bool IsNotRegistered(DeviceMqttRefusedException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Stage == DeviceMqttRefusalStage.Connect
            && (refusal.Reason?.Code == BadUserNameOrPasswordCode
                || (refusal.ReasonString?.Contains("not registered", StringComparison.OrdinalIgnoreCase) ?? false));
    }
}
