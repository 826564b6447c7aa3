using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace Secretless.Device.Mqtt;

/// <summary>
/// Connects a device to its IoT endpoint with MQTTnet: MQTT 5 over TLS 1.2/1.3, the device
/// certificate as client certificate, the endpoint checked against the device's own CA chain
/// with the host name check on. Failures are typed: <see cref="DeviceMqttRefusedException"/>
/// when the endpoint said no, <see cref="DeviceMqttUnreachableException"/> when no MQTT
/// conversation took place.
/// </summary>
public static class DeviceMqttConnector
{
    /// <summary>Connects and returns the open session (dispose it to disconnect).</summary>
    public static async Task<DeviceMqttSession> ConnectAsync(DeviceMqttConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var trust = new DeviceMqttServerTrust(options.TrustedCaPem);
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.Timeout)
            .WithTlsOptions(tls => tls
                .UseTls(true)
                .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
                .WithClientCertificates([options.ClientCertificate])
                .WithCertificateValidationHandler(args => trust.Validate(args.Certificate, args.SslPolicyErrors)))
            .Build();

        var client = new MqttClientFactory().CreateMqttClient();
        var session = new DeviceMqttSession(client, options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        MqttClientConnectResult result;
        try
        {
            result = await client.ConnectAsync(clientOptions, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync();
            throw Classify(exception, options, trust);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            await session.DisposeAsync();
            var reason = DeviceMqttReason.From(result.ResultCode);
            throw new DeviceMqttRefusedException(
                $"{Address(options)} refused the connection: CONNACK {reason}{Suffix(result.ReasonString)}",
                DeviceMqttRefusalStage.Connect,
                reason,
                result.ReasonString,
                null);
        }

        session.MarkConnected(DeviceMqttReason.From(result.ResultCode));
        return session;
    }

    internal static string Address(DeviceMqttConnectionOptions options) => $"{options.Host}:{options.Port}";

    internal static string Suffix(string? reasonString) => string.IsNullOrEmpty(reasonString) ? string.Empty : $" ({reasonString})";

    private static Exception Classify(Exception exception, DeviceMqttConnectionOptions options, DeviceMqttServerTrust trust)
    {
        var address = Address(options);
        if (trust.Rejection is not null && !trust.ServerAccepted)
        {
            return new DeviceMqttUnreachableException($"TLS with {address} failed: {trust.Rejection}; is the CA file the endpoint's CA chain?", exception)
            {
                ServerCertificateRejected = true,
            };
        }

        if (Find<OperationCanceledException>(exception) is not null || Find<MqttCommunicationTimedOutException>(exception) is not null)
        {
            return new DeviceMqttUnreachableException($"{address} did not answer within {options.Timeout.TotalSeconds:0} s", exception);
        }

        if (Find<MqttProtocolViolationException>(exception) is not null)
        {
            return new DeviceMqttUnreachableException($"{address} does not speak MQTT ({Innermost(exception).Message}); is the port the MQTT endpoint's?", exception);
        }

        if (trust.ServerAccepted)
        {
            // We trusted the endpoint, it hung up before CONNACK: with TLS 1.3 that is how a
            // server rejects a client certificate (the alert arrives on the first read).
            return new DeviceMqttRefusedException(
                $"{address} closed the TLS connection before CONNACK: it did not accept the client certificate ({Innermost(exception).Message})",
                DeviceMqttRefusalStage.TlsHandshake,
                null,
                null,
                exception);
        }

        var socket = Find<SocketException>(exception);
        if (socket is not null)
        {
            return new DeviceMqttUnreachableException($"cannot reach {address}: {socket.Message}", exception);
        }

        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return new DeviceMqttUnreachableException($"TLS with {address} failed: {tls.Message}", exception);
        }

        return new DeviceMqttUnreachableException($"cannot reach {address}: {Innermost(exception).Message}", exception);
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }
}
