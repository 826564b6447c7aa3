namespace Secretless.Cli.Output;

/// <summary>
/// <c>device connect --json</c>: where the device connected, as whom, the CONNACK reason code and,
/// with <c>--publish</c>, the PUBACK.
/// </summary>
public sealed record DeviceConnectReport(
    string Endpoint,
    string ClientId,
    string CertificateId,
    int ConnectReasonCode,
    string ConnectReason,
    DevicePublishReport? Published);
