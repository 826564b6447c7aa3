namespace Secretless.Cli.Tests.Infrastructure;

/// <summary>A device's files as <c>device connect</c> reads them.</summary>
public sealed record DeviceFiles(string CertificatePath, string KeyPath, string CaPath, byte[] CertificateDer);
