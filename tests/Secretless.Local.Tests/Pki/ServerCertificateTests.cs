using System.Net;
using System.Security.Cryptography.X509Certificates;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Pki;

public sealed class ServerCertificateTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private readonly LocalPki _pki;

    public ServerCertificateTests()
    {
        _environment.Time.Now = DateTimeOffset.UtcNow; // openssl verify checks against the real clock
        _pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task IssueServerCertificate_NamesAndAddresses_HasSansServerAuthAndPrivateKey()
    {
        using var certificate = _pki.IssueServerCertificate(["localhost", "Box.Local"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);

        Assert.True(certificate.HasPrivateKey);
        using (var key = certificate.GetECDsaPrivateKey())
        {
            Assert.NotNull(key);
        }

        var names = PkiAssertions.Single<X509SubjectAlternativeNameExtension>(certificate);
        Assert.Equal(["box.local", "localhost"], names.EnumerateDnsNames().Order(StringComparer.Ordinal));
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses().OrderBy(a => a.ToString(), StringComparer.Ordinal));
        var extendedKeyUsage = PkiAssertions.Single<X509EnhancedKeyUsageExtension>(certificate);
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], extendedKeyUsage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value));
        Assert.Equal(90, (certificate.NotAfter - certificate.NotBefore).Days);
        var keyPath = Path.Combine(_pki.Directory, "server.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, PkiAssertions.ModeOf(keyPath));
        await PkiAssertions.OpenSslVerifiesAsync(_pki, certificate.RawData, _environment.Temporary.Path, purpose: "sslserver");
    }

    [Fact]
    public void IssueServerCertificate_SameNamesAgain_ReturnsTheCachedCertificate()
    {
        using var first = _pki.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);

        using var second = _pki.IssueServerCertificate(["LOCALHOST", "localhost"], [IPAddress.Loopback]);
        using var reopened = LocalPki.Open(_environment.DataDirectory, _environment.Time);
        using var afterRestart = reopened.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Equal(first.Thumbprint, afterRestart.Thumbprint);
    }

    [Fact]
    public void IssueServerCertificate_DifferentNames_Reissues()
    {
        using var first = _pki.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);

        using var second = _pki.IssueServerCertificate(["localhost", "secretless.internal"], [IPAddress.Loopback]);

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.Contains("secretless.internal", PkiAssertions.Single<X509SubjectAlternativeNameExtension>(second).EnumerateDnsNames());
    }

    [Fact]
    public void IssueServerCertificate_ExpiringWithinSevenDays_Reissues()
    {
        using var first = _pki.IssueServerCertificate(["localhost"], []);
        _environment.Time.Advance(TimeSpan.FromDays(84));

        using var renewed = _pki.IssueServerCertificate(["localhost"], []);

        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);
        Assert.True(renewed.NotAfter > first.NotAfter);
    }

    [Fact]
    public void IssueServerCertificate_DamagedKeyFile_Reissues()
    {
        using var first = _pki.IssueServerCertificate(["localhost"], []);
        File.WriteAllText(Path.Combine(_pki.Directory, "server.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        using var replaced = _pki.IssueServerCertificate(["localhost"], []);

        Assert.NotEqual(first.Thumbprint, replaced.Thumbprint);
        Assert.True(replaced.HasPrivateKey);
    }

    [Fact]
    public void IssueServerCertificate_NoNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => _pki.IssueServerCertificate([], []));
    }
}
