using System.Security.Cryptography.X509Certificates;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

public sealed class LocalPkiTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly LocalTestEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Initialize_FreshDirectory_CreatesCertificatesAndOwnerOnlyKeys()
    {
        using var pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time, out var created);

        Assert.True(created);
        var directory = _environment.DataDirectory.PkiDirectory;
        Assert.Equal(
            ["ca-chain.pem", "intermediate.crt", "intermediate.key", "pki.json", "root.crl", "root.crt", "root.key"],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(OwnerReadWrite, PkiAssertions.ModeOf(Path.Combine(directory, "root.key")));
        Assert.Equal(OwnerReadWrite, PkiAssertions.ModeOf(Path.Combine(directory, "intermediate.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, PkiAssertions.ModeOf(directory));
        Assert.Equal(Path.Combine(directory, "root.crt"), pki.RootCertificatePath);
        Assert.Equal(Path.Combine(directory, "ca-chain.pem"), pki.ChainPemPath);
    }

    [Fact]
    public void Initialize_Twice_KeepsTheSameRootAndIssuer()
    {
        string rootThumbprint, issuerId;
        using (var first = LocalPki.Initialize(_environment.DataDirectory, _environment.Time))
        {
            rootThumbprint = first.RootCertificate.Thumbprint;
            issuerId = first.ActiveIssuerId;
        }

        using var second = LocalPki.Initialize(_environment.DataDirectory, _environment.Time, out var created);

        Assert.False(created);
        Assert.Equal(rootThumbprint, second.RootCertificate.Thumbprint);
        Assert.Equal(issuerId, second.ActiveIssuerId);
    }

    [Fact]
    public async Task Initialize_FourConcurrentCallers_AllGetOneRoot()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            using var pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);
            return pki.RootCertificate.Thumbprint;
        })).ToArray();

        start.SetResult();
        var thumbprints = await Task.WhenAll(callers);

        Assert.Single(thumbprints.Distinct());
        Assert.Empty(Directory.GetDirectories(_environment.DataDirectory.RootPath, ".pki-staging-*"));
    }

    [Fact]
    public void Open_NotInitialized_ThrowsLocalPkiNotInitializedException()
    {
        var error = Assert.Throws<LocalPkiNotInitializedException>(() => LocalPki.Open(_environment.DataDirectory));

        Assert.Contains("pki init", error.Message, StringComparison.Ordinal);
        Assert.False(LocalPki.Exists(_environment.DataDirectory));
    }

    [Fact]
    public void Initialize_PkiDirectoryWithForeignFiles_RefusesToOverwrite()
    {
        Directory.CreateDirectory(_environment.DataDirectory.PkiDirectory);
        File.WriteAllText(Path.Combine(_environment.DataDirectory.PkiDirectory, "root.key"), "someone else's");

        Assert.Throws<InvalidOperationException>(() => LocalPki.Initialize(_environment.DataDirectory, _environment.Time));
        Assert.Equal("someone else's", File.ReadAllText(Path.Combine(_environment.DataDirectory.PkiDirectory, "root.key")));
    }

    [Fact]
    public async Task Initialize_CaCertificates_HaveCaExtensionsAndVerifyWithOpenSsl()
    {
        using var pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);
        var root = pki.RootCertificate;
        var issuer = pki.IssuingCertificate;

        Assert.Equal("Secretless Local Root CA", root.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal("Secretless Local Issuing CA 1", issuer.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal(root.SubjectName.RawData, issuer.IssuerName.RawData);
        var rootConstraints = PkiAssertions.Single<X509BasicConstraintsExtension>(root);
        Assert.True(rootConstraints is { CertificateAuthority: true, HasPathLengthConstraint: true, PathLengthConstraint: 1, Critical: true });
        var issuerConstraints = PkiAssertions.Single<X509BasicConstraintsExtension>(issuer);
        Assert.True(issuerConstraints is { CertificateAuthority: true, HasPathLengthConstraint: true, PathLengthConstraint: 0, Critical: true });
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, PkiAssertions.Single<X509KeyUsageExtension>(issuer).KeyUsages);
        Assert.Equal(
            Convert.FromHexString(PkiAssertions.Single<X509SubjectKeyIdentifierExtension>(root).SubjectKeyIdentifier!),
            PkiAssertions.Single<X509AuthorityKeyIdentifierExtension>(issuer).KeyIdentifier!.Value.ToArray());
        Assert.Equal(_environment.Time.Now.AddYears(10).Year, root.NotAfter.ToUniversalTime().Year);
        Assert.Equal(_environment.Time.Now.AddYears(5).Year, issuer.NotAfter.ToUniversalTime().Year);

        using var work = new TemporaryDirectory();
        await PkiAssertions.OpenSslVerifiesAsync(pki, issuer.RawData, work.Path);
    }

    [Fact]
    public void Describe_ReturnsIssuerValidityAndChainIssuerThenRoot()
    {
        using var pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);

        var description = pki.Describe();

        Assert.Equal([pki.IssuingCertificate.RawData, pki.RootCertificate.RawData], description.ChainDer);
        Assert.Equal(pki.IssuingCertificate.NotAfter.ToUniversalTime(), description.NotAfter.UtcDateTime);
        var chainPem = pki.ReadChainPem();
        var fromFile = new X509Certificate2Collection();
        fromFile.ImportFromPem(chainPem);
        Assert.Equal([pki.IssuingCertificate.Thumbprint, pki.RootCertificate.Thumbprint], fromFile.Select(c => c.Thumbprint));
    }
}
