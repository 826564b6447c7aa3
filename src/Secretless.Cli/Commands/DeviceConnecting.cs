using System.Text;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;
using Secretless.Device.Mqtt;
using Secretless.Local;
using Secretless.Local.Registry;

namespace Secretless.Cli.Commands;

/// <summary>
/// What a provisioned device does next, with <see cref="DeviceMqttConnector"/>: connect to the
/// endpoint over mutual TLS as its thing, optionally publish one message, and report the
/// endpoint's reason codes.
/// </summary>
internal static class DeviceConnecting
{
    public const string DefaultEndpoint = "localhost:8883";

    public static async Task<DeviceConnectOutcome> TryRunAsync(DeviceConnectRequest request, CancellationToken cancellationToken)
    {
        var (host, port) = SplitEndpoint(request.Endpoint);
        var trustedCaPem = await ReadPemAsync(request.CaChainPath, "CA chain", cancellationToken);
        var certificatePem = await ReadPemAsync(request.CertificatePath, "certificate", cancellationToken);
        using var key = await SimulatedSecureElement.LoadPrivateKeyAsync(request.KeyPath, cancellationToken);
        System.Security.Cryptography.X509Certificates.X509Certificate2 identity;
        try
        {
            identity = DeviceMqttCredentials.Create(certificatePem, key);
        }
        catch (InvalidDataException invalid)
        {
            throw new CliException(ExitCodes.Failure, $"{request.CertificatePath} with {request.KeyPath}: {invalid.Message}");
        }

        using (identity)
        {
            var clientId = request.ClientId ?? DeviceMqttCredentials.CommonNameOf(identity)
                ?? throw new CliException(ExitCodes.UsageError, $"{request.CertificatePath} has no subject CN; pass --client-id (the thing name).");
            var certificateId = SqliteThingRegistry.CertificateIdOf(identity.RawData);
            var options = new DeviceMqttConnectionOptions
            {
                Host = host,
                Port = port,
                ClientId = clientId,
                ClientCertificate = identity,
                TrustedCaPem = trustedCaPem,
            };

            try
            {
                await using var session = await DeviceMqttConnector.ConnectAsync(options, cancellationToken);
                DevicePublishReport? published = null;
                if (request.Publish is { } message)
                {
                    var result = await session.PublishAsync(message.Topic, Encoding.UTF8.GetBytes(message.Payload), cancellationToken);
                    published = new DevicePublishReport(result.Topic, result.PayloadBytes, result.Reason.Code, result.Reason.ToString());
                }

                var report = new DeviceConnectReport(
                    request.Endpoint, clientId, certificateId, session.ConnectReason.Code, session.ConnectReason.ToString(), published);
                return new DeviceConnectOutcome(report, ExitCodes.Ok, "connected", null);
            }
            catch (DeviceMqttRefusedException refused)
            {
                var reason = refused.Reason?.ToString() ?? "TLS handshake rejected";
                return new DeviceConnectOutcome(null, ExitCodes.ProvisioningRefused, refused.Message, reason);
            }
            catch (DeviceMqttUnreachableException unreachable)
            {
                return new DeviceConnectOutcome(null, ExitCodes.ServerUnreachable, unreachable.Message, null);
            }
        }
    }

    /// <summary>Splits a validated <c>host:port</c>; an IPv6 host loses its brackets.</summary>
    public static (string Host, int Port) SplitEndpoint(string endpoint)
    {
        if (!LocalEndpoint.TryValidate(endpoint, out var error))
        {
            throw new CliException(ExitCodes.UsageError, $"--endpoint {error}");
        }

        var separator = endpoint.LastIndexOf(':');
        var host = endpoint[..separator].Trim('[', ']');
        return (host, int.Parse(endpoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> ReadPemAsync(string path, string what, CancellationToken cancellationToken)
    {
        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"cannot read {what} {path}: {exception.Message}");
        }

        return pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? pem
            : throw new CliException(ExitCodes.Failure, $"{what} {path} holds no PEM certificate.");
    }
}
