using System.CommandLine;
using Secretless.Cli.Infrastructure;
using Secretless.Cli.Output;

namespace Secretless.Cli.Commands;

/// <summary><c>secretless device connect</c>: a provisioned device connects to the IoT endpoint (MQTT over mutual TLS).</summary>
internal static class DeviceConnectCommand
{
    public static Command Create(CliContext context)
    {
        var certificate = new Option<FileInfo>("--cert") { Description = "The device certificate (PEM; a chain after it is ignored), e.g. certificate.pem from 'device provision'.", Required = true, HelpName = "FILE" };
        var key = new Option<FileInfo>("--key") { Description = "The device's private key (PEM: PKCS#8, SEC1 or PKCS#1).", Required = true, HelpName = "FILE" };
        var ca = new Option<FileInfo?>("--ca")
        {
            Description = "PEM CA chain the endpoint's TLS certificate must chain to. Default: <data>/pki/ca-chain.pem (a local server).",
            HelpName = "FILE",
        };
        var endpoint = new Option<string>("--endpoint")
        {
            Description = "The endpoint (host:port) that /new returned; the host must match the endpoint's TLS certificate.",
            DefaultValueFactory = _ => DeviceConnecting.DefaultEndpoint,
            HelpName = "host:port",
        };
        endpoint.Validators.Add(result =>
        {
            if (!Local.LocalEndpoint.TryValidate(result.GetValueOrDefault<string>(), out var error))
            {
                result.AddError($"--endpoint {error}");
            }
        });
        var clientId = new Option<string?>("--client-id") { Description = "MQTT client id. Default: the certificate's CN (the thing name, which the endpoint requires).", HelpName = "ID" };
        var publish = new Option<string[]>("--publish")
        {
            Description = "After connecting, publish MSG to TOPIC with QoS 1 and report the PUBACK, e.g. --publish things/sensor-0001/telemetry '{\"temp\":21}'.",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
            HelpName = "TOPIC MSG",
        };
        var json = CliContext.CreateJsonOption();
        var connect = new Command(
            "connect",
            "Connect to the MQTT endpoint as a device (MQTT 5 over TLS with the device certificate, client id = thing name), optionally publish one message, then disconnect. Exit 6 when refused (the reason code is printed), 7 when unreachable.")
        {
            certificate, key, ca, endpoint, clientId, publish, json,
        };
        connect.SetAction(async (parseResult, cancellationToken) =>
        {
            var caPath = DeviceProvisioning.ResolveCaPath(
                parseResult.GetValue(ca)?.FullName, () => context.ResolveDataRoot(parseResult), "endpoint");

            var message = parseResult.GetValue(publish) is [var topic, var payload] ? new DeviceMessage(topic, payload) : null;
            var request = new DeviceConnectRequest(
                parseResult.GetRequiredValue(certificate).FullName,
                parseResult.GetRequiredValue(key).FullName,
                caPath,
                parseResult.GetRequiredValue(endpoint),
                parseResult.GetValue(clientId),
                message);
            var outcome = await DeviceConnecting.TryRunAsync(request, cancellationToken);
            if (outcome.Report is not { } report)
            {
                throw new CliException(outcome.ExitCode, outcome.Message);
            }

            if (parseResult.GetValue(json))
            {
                context.WriteJson(report, CliJsonContext.Default.DeviceConnectReport);
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"connected:      {report.Endpoint} as {report.ClientId} (CONNACK {report.ConnectReason})");
            context.Out.WriteLine($"certificate id: {report.CertificateId}");
            if (report.Published is { } published)
            {
                context.Out.WriteLine($"published:      {published.PayloadBytes} bytes to {published.Topic} (PUBACK {published.Reason})");
            }

            context.Out.WriteLine("disconnected.");
            return ExitCodes.Ok;
        });
        return connect;
    }
}
