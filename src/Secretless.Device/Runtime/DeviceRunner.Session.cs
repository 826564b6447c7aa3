using System.Globalization;
using System.Text;
using Secretless.Device.Mqtt;

namespace Secretless.Device.Runtime;

/// <summary>The runner's MQTT side: connect, heartbeat, renew, and what to do when refused.</summary>
public sealed partial class DeviceRunner
{
    /// <summary>The heartbeat topic: under <c>things/&lt;thing name&gt;/</c>, where the default product-line policy allows publishing.</summary>
    public static string HeartbeatTopic(string deviceId) => $"things/{deviceId}/heartbeat";

    /// <summary>
    /// One connect attempt and, when it succeeds, the session until it ends. Returns why a new
    /// certificate is needed, or null to simply connect again.
    /// </summary>
    private async Task<string?> ConnectAndRunAsync(CancellationToken cancellationToken)
    {
        DisposeRetired();
        var current = _current ?? throw new InvalidOperationException("No certificate to connect with.");
        State = DeviceRunnerState.Connecting;
        DeviceMqttSession session;
        try
        {
            var (host, port) = SplitEndpoint(current.Endpoint);
            session = await DeviceMqttConnector.ConnectAsync(
                new DeviceMqttConnectionOptions
                {
                    Host = host,
                    Port = port,
                    ClientId = _options.DeviceId,
                    ClientCertificate = current.Identity,
                    TrustedCaPem = _knownCaPem + "\n" + current.Stored.CertificateChainPem,
                    Timeout = _options.MqttTimeout,
                },
                cancellationToken);
        }
        catch (DeviceMqttRefusedException refused)
        {
            return await OnRefusedAsync(refused, current, cancellationToken);
        }
        catch (Exception exception) when (exception is DeviceMqttUnreachableException or FormatException)
        {
            if (exception is DeviceMqttUnreachableException { ServerCertificateRejected: true } && await TryRefreshCaChainAsync(cancellationToken))
            {
                // The endpoint moved to a new intermediate and /ca named it: connect again at once.
                return null;
            }

            EmitError(exception.Message);
            await BackOffAsync(cancellationToken);
            return null;
        }

        await using (session)
        {
            _backoffRetry = 0;
            State = DeviceRunnerState.Connected;
            DeviceRunnerLog.Connected(_logger, _options.DeviceId, current.Endpoint, current.CertificateId);
            Emit(NewEvent(DeviceRunnerEventNames.Connected) with { CertificateId = current.CertificateId, Endpoint = current.Endpoint });
            return await RunSessionAsync(session, current, cancellationToken);
        }
    }

    private async Task<string?> OnRefusedAsync(DeviceMqttRefusedException refused, RunningCertificate current, CancellationToken cancellationToken)
    {
        var age = _time.GetUtcNow() - current.ObtainedAt;
        var action = ConnectRefusalPolicy.Decide(refused, age, _options.ReplicationWait);
        var stage = refused.Stage == DeviceMqttRefusalStage.TlsHandshake ? "tls" : "connect";
        if (action == ConnectRefusalAction.RetryConnect)
        {
            // Replication lag: try again, but wake up once more when the wait is over.
            var delay = NextBackoff();
            var remaining = _options.ReplicationWait - age;
            if (delay > remaining)
            {
                delay = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
            }

            EmitRefused(current, stage, refused.Message, delay);
            State = DeviceRunnerState.Waiting;
            await Task.Delay(delay, _time, cancellationToken);
            return null;
        }

        EmitRefused(current, stage, refused.Message, TimeUntilProvisioningAllowed());
        return action == ConnectRefusalAction.ReprovisionTlsRefused ? ProvisioningReasons.TlsRefused : ProvisioningReasons.AuthRefused;
    }

    private void EmitRefused(RunningCertificate current, string stage, string reason, TimeSpan retryIn)
    {
        var seconds = Seconds(retryIn);
        DeviceRunnerLog.Refused(_logger, _options.DeviceId, stage, reason, seconds);
        Emit(NewEvent(DeviceRunnerEventNames.Refused) with
        {
            CertificateId = current.CertificateId,
            Stage = stage,
            Reason = reason,
            RetryInSeconds = seconds,
        });
    }

    /// <summary>Heartbeats until the session ends or renewal is due; returns as <see cref="ConnectAndRunAsync"/>.</summary>
    private async Task<string?> RunSessionAsync(DeviceMqttSession session, RunningCertificate current, CancellationToken cancellationToken)
    {
        var renewalDue = RenewalSchedule.DueAt(current.Stored.NotBefore, current.Stored.NotAfter, current.ObtainedAt, _options.RenewAt);
        var nextHeartbeat = _time.GetUtcNow();
        var topic = HeartbeatTopic(_options.DeviceId);
        while (true)
        {
            var now = _time.GetUtcNow();
            if (now >= renewalDue)
            {
                // The new certificate first (stored atomically); only then leave the working session.
                if (await TryProvisionAsync(ProvisioningReasons.RenewalDue, cancellationToken))
                {
                    Disconnected(current, "renewal: reconnecting with the new certificate");
                    return null;
                }

                State = DeviceRunnerState.Connected;
                renewalDue = _time.GetUtcNow() + NextBackoff();
                continue;
            }

            if (now >= nextHeartbeat)
            {
                var lost = await TryHeartbeatAsync(session, current, topic, cancellationToken);
                if (lost is not null)
                {
                    Disconnected(current, lost);
                    return null;
                }

                nextHeartbeat = now + _options.Heartbeat;
            }

            var until = (renewalDue < nextHeartbeat ? renewalDue : nextHeartbeat) - _time.GetUtcNow();
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleep = Task.Delay(until > TimeSpan.Zero ? until : TimeSpan.Zero, _time, wake.Token);
            var first = await Task.WhenAny(session.Closed, sleep);
            await wake.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first == session.Closed)
            {
                Disconnected(current, $"the endpoint closed the session (DISCONNECT {await session.Closed})");
                return null;
            }
        }
    }

    /// <summary>Publishes one heartbeat; returns null when acknowledged, else why the session is lost.</summary>
    private async Task<string?> TryHeartbeatAsync(DeviceMqttSession session, RunningCertificate current, string topic, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow().UtcDateTime.ToString(UtcTimestampJsonConverter.Format, CultureInfo.InvariantCulture);
        var payload = Encoding.UTF8.GetBytes($"{{\"deviceId\":\"{_options.DeviceId}\",\"certificateId\":\"{current.CertificateId}\",\"at\":\"{at}\"}}");
        try
        {
            await session.PublishAsync(topic, payload, cancellationToken);
        }
        catch (DeviceMqttRefusedException refused)
        {
            if (session.IsConnected)
            {
                // PUBACK with a failure code: the session stays; the policy does not allow the topic.
                EmitError(refused.Message);
                return null;
            }

            return refused.Message;
        }

        Emit(NewEvent(DeviceRunnerEventNames.Heartbeat) with { CertificateId = current.CertificateId });
        return null;
    }

    private void Disconnected(RunningCertificate current, string reason)
    {
        DeviceRunnerLog.Disconnected(_logger, _options.DeviceId, reason);
        Emit(NewEvent(DeviceRunnerEventNames.Disconnected) with { CertificateId = current.CertificateId, Reason = reason });
    }

    /// <summary>Splits <c>host:port</c> (an IPv6 host in brackets loses them).</summary>
    internal static (string Host, int Port) SplitEndpoint(string endpoint)
    {
        var separator = endpoint.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(endpoint.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new FormatException($"The endpoint '{endpoint}' is not host:port.");
        }

        return (endpoint[..separator].Trim('[', ']'), port);
    }
}
