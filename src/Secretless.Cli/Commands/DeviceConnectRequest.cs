namespace Secretless.Cli.Commands;

/// <summary>What <c>device connect</c> (and the demo) needs: the device's files, the endpoint and an optional message.</summary>
internal sealed record DeviceConnectRequest(
    string CertificatePath,
    string KeyPath,
    string CaChainPath,
    string Endpoint,
    string? ClientId,
    DeviceMessage? Publish);
