using System.Security.Cryptography.X509Certificates;

namespace Secretless.Server.Tests.Support;

/// <summary>Small PEM helpers for assertions.</summary>
public static class PemFiles
{
    public static X509Certificate2Collection Certificates(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    public static int CountCertificates(string pem) =>
        pem.Split("-----BEGIN CERTIFICATE-----", StringSplitOptions.None).Length - 1;
}
