using System.Security.Cryptography;
using System.Text;
using Secretless.Cli.Infrastructure;
using Secretless.Device;

namespace Secretless.Cli.Commands;

/// <summary>
/// Stands in for a device's secure element on top of <see cref="DeviceKeyStore"/>: a P-256 key in a
/// file only the owner can read; only the public key (as a manifest line) leaves it.
/// </summary>
internal static class SimulatedSecureElement
{
    public static string KeyPath(string outDirectory, string deviceId) => Path.Combine(outDirectory, deviceId + ".key");

    /// <summary>Creates <c>&lt;out&gt;/&lt;id&gt;.key</c> (PKCS#8 PEM, 0600) and returns the public key PEM.</summary>
    public static async Task<string> GenerateAsync(string keyPath, CancellationToken cancellationToken)
    {
        if (File.Exists(keyPath))
        {
            throw new CliException(
                ExitCodes.Failure,
                $"{keyPath} already exists; refusing to replace a device key (delete it first if you mean to).");
        }

        using var key = await DeviceKeyStore.GenerateP256Async(keyPath, cancellationToken);
        return DeviceKeyStore.ExportPublicKeyPem(key) + "\n";
    }

    /// <summary>
    /// The manifest line for the admin: <c>id,base64(PEM)</c>, the same encoding as the reference
    /// sample's DynamoDB <c>pubkey</c> attribute (<c>openssl ec -in device.key -pubout | base64 -w0</c>).
    /// </summary>
    public static string ManifestLine(string deviceId, string publicKeyPem)
        => deviceId + "," + Convert.ToBase64String(Encoding.ASCII.GetBytes(publicKeyPem));

    /// <summary>Loads a device private key file (PKCS#8, SEC1 or PKCS#1 PEM) with a one-line error.</summary>
    public static async Task<AsymmetricAlgorithm> LoadPrivateKeyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await DeviceKeyStore.LoadPrivateKeyAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException(ExitCodes.Failure, $"cannot use key file {path}: {exception.Message}");
        }
    }
}
