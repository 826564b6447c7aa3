using System.Security.Cryptography;
using System.Text;

namespace Secretless.Cli.Tests.Infrastructure;

/// <summary>Manifest lines made from real keys, in the reference sample's encoding (base64 of PEM).</summary>
public static class ManifestFiles
{
    /// <summary>A P-256 public key as <c>openssl ec -pubout | base64 -w0</c> prints it.</summary>
    public static string NewBase64PemPublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem() + "\n"));
    }

    /// <summary>Writes <paramref name="count"/> CSV lines (with header) for devices <c>prefix-00001…</c>.</summary>
    public static async Task<string[]> WriteCsvAsync(string path, string prefix, int count)
    {
        var ids = new string[count];
        var builder = new StringBuilder("device-id,public-key\n");
        for (var i = 0; i < count; i++)
        {
            ids[i] = $"{prefix}-{i + 1:D5}";
            builder.Append(ids[i]).Append(',').Append(NewBase64PemPublicKey()).Append('\n');
        }

        await File.WriteAllTextAsync(path, builder.ToString());
        return ids;
    }
}
