using MQTTnet.Protocol;
using MQTTnet.Server;
using Secretless.Core.Policies;
using Secretless.Core.Registry;
using Secretless.Local.Registry;

namespace Secretless.Local.Mqtt;

/// <summary>CONNECT: who the certificate is, and whether it may connect with this client id.</summary>
public sealed partial class LocalMqttBroker
{
    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        try
        {
            await ValidateConnectionCoreAsync(e);
        }
        catch (Exception exception)
        {
            // Most likely the database is busy or gone: tell the client to come back later.
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            LocalMqttBrokerLog.ConnectCheckFailed(_logger, e.ClientId ?? string.Empty, exception);
        }
    }

    private async Task ValidateConnectionCoreAsync(ValidatingConnectionEventArgs e)
    {
        var clientId = e.ClientId ?? string.Empty;
        var certificate = e.ClientCertificate;
        if (certificate is null)
        {
            // Unreachable over the TLS-only endpoint (the handshake requires a certificate); kept
            // so that a future plain endpoint can never let a client in without one.
            Refuse(e, string.Empty, MqttConnectReasonCode.BadAuthenticationMethod, "no client certificate was presented");
            return;
        }

        var certificateId = SqliteThingRegistry.CertificateIdOf(certificate.RawData);
        var feedPositionBefore = Volatile.Read(ref _processedSequence);
        var principal = await _registry.FindPrincipalAsync(certificateId, e.CancellationToken);
        if (principal is null)
        {
            Refuse(e, certificateId, MqttConnectReasonCode.BadUserNameOrPassword, "the certificate is not registered");
            return;
        }

        if (principal.Status != CertificateStatus.Active)
        {
            Refuse(e, certificateId, MqttConnectReasonCode.NotAuthorized, $"the certificate is {principal.Status.ToString().ToUpperInvariant()}");
            return;
        }

        if (principal.ThingNames.Count == 0)
        {
            Refuse(e, certificateId, MqttConnectReasonCode.NotAuthorized, "the certificate is not attached to a thing");
            return;
        }

        if (!principal.ThingNames.Contains(clientId, StringComparer.Ordinal))
        {
            Refuse(
                e,
                certificateId,
                MqttConnectReasonCode.ClientIdentifierNotValid,
                $"the client id must be the name of the certificate's thing ('{string.Join("', '", principal.ThingNames)}')");
            return;
        }

        var policies = new List<IotPolicyDocument>(principal.Policies.Count);
        foreach (var policy in principal.Policies)
        {
            // Fail closed: a policy that cannot be read might hold the Deny that matters.
            if (!IotPolicyDocument.TryParse(policy.Document, out var document, out var error))
            {
                Refuse(e, certificateId, MqttConnectReasonCode.NotAuthorized, $"attached policy '{policy.Name}' cannot be evaluated: {error}");
                return;
            }

            policies.Add(document);
        }

        var context = new MqttSessionContext(clientId, clientId, certificateId, policies, e.ProtocolVersion, e.RemoteEndPoint);
        var decision = context.Evaluate(IotActions.Connect, IotResourceArns.Client(_options.Region, _options.AccountId, clientId));
        if (decision != IotPolicyDecision.Allowed)
        {
            Refuse(e, certificateId, MqttConnectReasonCode.NotAuthorized, $"iot:Connect on client/{clientId}: {Describe(decision)}");
            return;
        }

        if (!await TrackAsync(context, feedPositionBefore, e.CancellationToken))
        {
            Refuse(e, certificateId, MqttConnectReasonCode.NotAuthorized, "the certificate left ACTIVE while connecting");
            return;
        }

        LocalMqttBrokerLog.Connected(_logger, clientId, clientId, certificateId, e.ProtocolVersion);
    }

    /// <summary>
    /// Registers the session so the status watcher can find it. When the watcher applied status
    /// changes between the status read and now, it may have missed this session: read again.
    /// </summary>
    private async Task<bool> TrackAsync(MqttSessionContext context, long feedPositionBefore, CancellationToken cancellationToken)
    {
        long feedPositionNow;
        lock (_statusGate)
        {
            _sessions[context.ClientId] = context;
            feedPositionNow = _processedSequence;
        }

        if (feedPositionNow == feedPositionBefore)
        {
            return true;
        }

        var current = await _registry.FindPrincipalAsync(context.CertificateId, cancellationToken);
        if (current?.Status == CertificateStatus.Active)
        {
            return true;
        }

        _sessions.TryRemove(KeyValuePair.Create(context.ClientId, context));
        return false;
    }

    private void Refuse(ValidatingConnectionEventArgs e, string certificateId, MqttConnectReasonCode reasonCode, string reason)
    {
        e.ReasonCode = reasonCode;
        e.ReasonString = reason; // MQTT 5 clients see it; 3.1.1 has only the return code
        LocalMqttBrokerLog.ConnectRefused(_logger, e.ClientId ?? string.Empty, certificateId, reason, reasonCode);
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        if (_sessions.TryGetValue(e.ClientId, out var context) && context.IsConnection(e.RemoteEndPoint))
        {
            context.MarkConnected();
            if (context.IsRevoked)
            {
                // Revoked between CONNECT and CONNACK: the watcher could not close it yet.
                _ = CloseSessionAsync(context);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // Remove only this connection's entry: a new connection with the same id may own it now.
        if (_sessions.TryGetValue(e.ClientId, out var context) && context.IsConnection(e.RemoteEndPoint))
        {
            _sessions.TryRemove(KeyValuePair.Create(e.ClientId, context));
        }

        LocalMqttBrokerLog.Disconnected(_logger, e.ClientId, e.DisconnectType);
        return Task.CompletedTask;
    }

    private static string Describe(IotPolicyDecision decision) => decision switch
    {
        IotPolicyDecision.ExplicitDeny => "denied by an explicit Deny in the attached policies",
        _ => "not allowed by the attached policies",
    };
}
