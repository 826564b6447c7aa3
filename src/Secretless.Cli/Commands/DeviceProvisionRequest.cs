namespace Secretless.Cli.Commands;

/// <summary>What <c>device provision</c> was asked to do.</summary>
internal sealed record DeviceProvisionRequest(
    string DeviceId,
    string KeyPath,
    Uri Server,
    string OutDirectory,
    string CaChainPath);
