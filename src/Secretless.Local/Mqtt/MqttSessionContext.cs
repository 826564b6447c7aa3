using System.Net;
using MQTTnet.Formatter;
using Secretless.Core.Policies;

namespace Secretless.Local.Mqtt;

/// <summary>
/// What the broker decided about one accepted connection: who it is (thing, certificate), the
/// policies it is held to (parsed once at connect) and whether its certificate was revoked since.
/// </summary>
internal sealed class MqttSessionContext
{
    private int _connected;
    private int _revoked;

    public MqttSessionContext(
        string clientId,
        string thingName,
        string certificateId,
        IReadOnlyList<IotPolicyDocument> policies,
        MqttProtocolVersion protocolVersion,
        EndPoint? remoteEndPoint)
    {
        ClientId = clientId;
        ThingName = thingName;
        CertificateId = certificateId;
        Policies = policies;
        ProtocolVersion = protocolVersion;
        RemoteEndPoint = remoteEndPoint;
        Variables = new IotPolicyVariables(thingName, clientId);
    }

    public string ClientId { get; }

    public string ThingName { get; }

    public string CertificateId { get; }

    public IReadOnlyList<IotPolicyDocument> Policies { get; }

    public MqttProtocolVersion ProtocolVersion { get; }

    /// <summary>Tells this connection apart from another one with the same client id.</summary>
    public EndPoint? RemoteEndPoint { get; }

    public IotPolicyVariables Variables { get; }

    /// <summary>True once MQTTnet reported the connection as established (CONNACK sent).</summary>
    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>True once the certificate left ACTIVE; nothing is allowed any more.</summary>
    public bool IsRevoked => Volatile.Read(ref _revoked) == 1;

    public void MarkConnected() => Interlocked.Exchange(ref _connected, 1);

    /// <summary>Returns true the first time only.</summary>
    public bool MarkRevoked() => Interlocked.Exchange(ref _revoked, 1) == 0;

    /// <summary>True when this connection's endpoint is <paramref name="remoteEndPoint"/> (both unknown counts as the same).</summary>
    public bool IsConnection(EndPoint? remoteEndPoint) => Equals(RemoteEndPoint, remoteEndPoint);

    /// <summary>The policy decision (default deny, explicit Deny wins). Callers check <see cref="IsRevoked"/> first.</summary>
    public IotPolicyDecision Evaluate(string action, string resourceArn)
        => IotPolicyEvaluator.Evaluate(Policies, action, resourceArn, Variables);
}
