using System.Security.Cryptography;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local.Registry;

namespace Secretless.Cli.Output;

/// <summary>Maps directory records to what the CLI prints.</summary>
internal static class DeviceReports
{
    public static DeviceReport From(DeviceRecord device, bool includePem, RegisteredThing? thing = null) => new(
        device.DeviceId,
        AlgorithmName(device.KeyAlgorithm),
        device.Status.ToString().ToLowerInvariant(),
        Convert.ToHexStringLower(SHA256.HashData(device.PublicKey)),
        device.CreatedAt,
        device.UpdatedAt,
        includePem ? PemEncoding.WriteString("PUBLIC KEY", device.PublicKey) + "\n" : null,
        thing?.Principals
            .Select(principal => new DeviceCertificateReport(principal.CertificateId, principal.Status.ToString().ToLowerInvariant(), principal.AttachedAt))
            .ToList());

    public static string AlgorithmName(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => "ecdsa-p256",
        KeyAlgorithm.EcdsaP384 => "ecdsa-p384",
        KeyAlgorithm.Rsa => "rsa",
        _ => algorithm.ToString(),
    };

    public static string StatusMarkup(string status) => status == "enabled" ? "[green]enabled[/]" : "[red]" + status + "[/]";
}
