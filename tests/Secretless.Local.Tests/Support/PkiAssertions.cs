using System.Security.Cryptography.X509Certificates;
using Secretless.Local.Pki;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Support;

/// <summary>Checks issued certificates the way a relying party does: with the real openssl CLI.</summary>
internal static class PkiAssertions
{
    /// <summary>Runs <c>openssl verify -CAfile root.crt -untrusted intermediate.crt leaf.pem</c>; throws when it fails.</summary>
    public static async Task OpenSslVerifiesAsync(LocalPki pki, byte[] leafDer, string workDirectory, string? purpose = null)
    {
        var leafPath = Path.Combine(workDirectory, $"leaf-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(leafPath, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", leafDer) + "\n");
        List<string> args = ["verify", "-CAfile", pki.RootCertificatePath, "-untrusted", pki.IssuingCertificatePath];
        if (purpose is not null)
        {
            args.AddRange(["-purpose", purpose]);
        }

        args.Add(leafPath);
        var output = await OpenSsl.RunAsync(args, workDirectory);
        Assert.Contains(": OK", output, StringComparison.Ordinal);
    }

    public static T Single<T>(X509Certificate2 certificate)
        where T : X509Extension
        => Assert.Single(certificate.Extensions.OfType<T>());

    /// <summary>The Unix mode of a file or directory (these tests run on Linux, as CI does).</summary>
    public static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows()
        ? throw new PlatformNotSupportedException("Unix file modes are checked on Unix only.")
        : File.GetUnixFileMode(path);
}
