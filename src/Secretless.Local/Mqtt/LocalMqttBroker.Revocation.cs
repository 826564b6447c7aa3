using MQTTnet.Protocol;
using MQTTnet.Server;
using Secretless.Core.Registry;
using Secretless.Local.Registry;

namespace Secretless.Local.Mqtt;

/// <summary>
/// Live revocation: polls the registry's status-change feed (written by any process, e.g. the CLI
/// on the same SQLite file) and closes every session whose certificate left ACTIVE.
/// </summary>
public sealed partial class LocalMqttBroker
{
    // Guards "apply a batch of changes + advance _processedSequence" against "track a new session".
    private readonly Lock _statusGate = new();
    private long _processedSequence;

    private async Task WatchCertificateStatusAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.RevocationPollInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await ApplyStatusChangesAsync(cancellationToken);
                    await CloseRevokedSessionsAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LocalMqttBrokerLog.RevocationPollFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ApplyStatusChangesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var changes = await _registry.ReadStatusChangesAsync(Volatile.Read(ref _processedSequence), cancellationToken);
            if (changes.Count == 0)
            {
                return;
            }

            lock (_statusGate)
            {
                foreach (var change in changes.Where(change => change.Status != CertificateStatus.Active))
                {
                    foreach (var context in _sessions.Values.Where(context => context.CertificateId == change.CertificateId))
                    {
                        if (context.MarkRevoked())
                        {
                            LocalMqttBrokerLog.SessionRevoked(_logger, context.ClientId, context.CertificateId, change.Status);
                        }
                    }
                }

                Volatile.Write(ref _processedSequence, changes[^1].Sequence);
            }

            if (changes.Count < SqliteThingRegistry.StatusChangePageSize)
            {
                return;
            }
        }
    }

    private async Task CloseRevokedSessionsAsync()
    {
        // Retried every poll until the session is gone; one not yet connected is closed by
        // OnClientConnectedAsync instead.
        foreach (var context in _sessions.Values.Where(context => context.IsRevoked && context.IsConnected))
        {
            await CloseSessionAsync(context);
        }
    }

    private async Task CloseSessionAsync(MqttSessionContext context)
    {
        var server = _server;
        if (server is null)
        {
            return;
        }

        try
        {
            await server.DisconnectClientAsync(
                context.ClientId,
                new MqttServerClientDisconnectOptions
                {
                    ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                    ReasonString = "The certificate is no longer ACTIVE.",
                });
        }
        catch (InvalidOperationException)
        {
            // MQTTnet no longer knows the client: it is gone already.
            _sessions.TryRemove(KeyValuePair.Create(context.ClientId, context));
        }
        catch (Exception exception)
        {
            LocalMqttBrokerLog.DisconnectFailed(_logger, context.ClientId, exception);
        }
    }
}
