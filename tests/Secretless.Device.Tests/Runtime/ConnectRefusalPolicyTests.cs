using Secretless.Device.Mqtt;
using Secretless.Device.Runtime;

namespace Secretless.Device.Tests.Runtime;

/// <summary>
/// The replication-lag rule as a pure decision (the runner tests exercise it against the real
/// broker; these cover the edges without waiting).
/// </summary>
public sealed class ConnectRefusalPolicyTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void Decide_NotRegisteredAndYoungerThanWait_RetriesTheConnect()
    {
        var refusal = Connack(134, "BadUserNameOrPassword", "the certificate is not registered");

        Assert.Equal(ConnectRefusalAction.RetryConnect, ConnectRefusalPolicy.Decide(refusal, TimeSpan.FromSeconds(29), Wait));
    }

    [Fact]
    public void Decide_NotRegisteredAfterTheWait_Reprovisions()
    {
        var refusal = Connack(134, "BadUserNameOrPassword", "the certificate is not registered");

        Assert.Equal(ConnectRefusalAction.ReprovisionAuthRefused, ConnectRefusalPolicy.Decide(refusal, Wait, Wait));
    }

    [Fact]
    public void Decide_ReasonStringNotRegisteredWithoutCode_CountsAsReplicationLag()
    {
        var refusal = Connack(135, "NotAuthorized", "The certificate is not registered in this region");

        Assert.Equal(ConnectRefusalAction.RetryConnect, ConnectRefusalPolicy.Decide(refusal, TimeSpan.Zero, Wait));
    }

    [Fact]
    public void Decide_RevokedCertificate_ReprovisionsAtOnce()
    {
        var refusal = Connack(135, "NotAuthorized", "the certificate is REVOKED");

        Assert.Equal(ConnectRefusalAction.ReprovisionAuthRefused, ConnectRefusalPolicy.Decide(refusal, TimeSpan.Zero, Wait));
    }

    [Fact]
    public void Decide_TlsRefusal_ReprovisionsWithTlsReason()
    {
        var refusal = new DeviceMqttRefusedException("closed before CONNACK", DeviceMqttRefusalStage.TlsHandshake, null, null, null);

        Assert.Equal(ConnectRefusalAction.ReprovisionTlsRefused, ConnectRefusalPolicy.Decide(refusal, TimeSpan.Zero, Wait));
    }

    [Fact]
    public void Decide_ZeroWait_NeverWaitsForReplication()
    {
        var refusal = Connack(134, "BadUserNameOrPassword", null);

        Assert.Equal(ConnectRefusalAction.ReprovisionAuthRefused, ConnectRefusalPolicy.Decide(refusal, TimeSpan.Zero, TimeSpan.Zero));
    }

    private static DeviceMqttRefusedException Connack(int code, string name, string? reasonString) =>
        new($"refused: CONNACK {code} {name}", DeviceMqttRefusalStage.Connect, new DeviceMqttReason(code, name), reasonString, null);
}
