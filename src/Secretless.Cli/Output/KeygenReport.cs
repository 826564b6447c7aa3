namespace Secretless.Cli.Output;

/// <summary><c>device keygen --json</c>: the key file and the manifest line for the admin.</summary>
public sealed record KeygenReport(
    string DeviceId,
    string PrivateKeyPath,
    string PublicKeyPem,
    string ManifestLine);
