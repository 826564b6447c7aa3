using Secretless.Local.Pki;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

/// <summary>
/// A data directory with an initialized PKI and registry on the real clock (openssl checks CRL
/// and certificate times against the wall clock), cleaned up on dispose.
/// </summary>
internal sealed class CaRotationEnvironment : IDisposable
{
    public CaRotationEnvironment()
    {
        Temporary = new TemporaryDirectory("secretless-ca");
        DataDirectory = new SecretlessDataDirectory(Path.Combine(Temporary.Path, "data"));
        Database = SqliteDatabase.Open(DataDirectory, TimeProvider.System);
        Registry = new SqliteThingRegistry(Database, new LocalStackOptions(), TimeProvider.System);
        Pki = LocalPki.Initialize(DataDirectory, TimeProvider.System);
    }

    public TemporaryDirectory Temporary { get; }

    public SecretlessDataDirectory DataDirectory { get; }

    public SqliteDatabase Database { get; }

    public SqliteThingRegistry Registry { get; }

    public LocalPki Pki { get; }

    public string PkiFile(string name) => Path.Combine(DataDirectory.PkiDirectory, name);

    /// <summary>Issues a device certificate from the PKI's current active CA and registers it as ACTIVE.</summary>
    public async Task<(byte[] Der, string CertificateId, string Path)> IssueRegisteredAsync(string deviceId)
    {
        var device = await DeviceKeyFixture.CreateAsync(Temporary, deviceId, TestKeyKind.EcP256);
        var issued = await new LocalCertificateAuthority(Pki).IssueAsync(
            Support.TestProfiles.For(device, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        var certificateId = await Registry.RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);
        var path = Temporary.File($"{deviceId}-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", issued.CertificateDer) + "\n");
        return (issued.CertificateDer, certificateId, path);
    }

    public void Dispose()
    {
        Pki.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Temporary.Dispose();
    }
}
