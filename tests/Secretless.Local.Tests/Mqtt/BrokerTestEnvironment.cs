using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Provisioning;
using Secretless.Local.Mqtt;
using Secretless.Local.Pki;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Mqtt;

/// <summary>
/// A real local stack in a temp folder: PKI, SQLite registry and a started broker on a free
/// loopback port. Things are provisioned the way <c>DeviceProvisioner</c> does it: key and CSR
/// by openssl, certificate by the local CA, then certificate + thing + product-line policy.
/// </summary>
internal sealed class BrokerTestEnvironment : IAsyncDisposable
{
    public const string PolicyName = "secretless-default";

    private BrokerTestEnvironment(TemporaryDirectory temporary, SecretlessDataDirectory dataDirectory, LocalPki pki, SqliteThingRegistry registry, LocalMqttBroker broker, RecordingLogger<LocalMqttBroker> log)
    {
        Temporary = temporary;
        DataDirectory = dataDirectory;
        Pki = pki;
        Registry = registry;
        Broker = broker;
        Log = log;
    }

    public TemporaryDirectory Temporary { get; }

    public SecretlessDataDirectory DataDirectory { get; }

    public LocalPki Pki { get; }

    public SqliteThingRegistry Registry { get; }

    public LocalMqttBroker Broker { get; }

    public RecordingLogger<LocalMqttBroker> Log { get; }

    public int Port => Broker.BoundPort;

    /// <summary>Issuing CA then root, as devices get it from <c>GET /ca</c>.</summary>
    public string ChainPemPath => Pki.ChainPemPath;

    public static async Task<BrokerTestEnvironment> StartAsync()
    {
        var temporary = new TemporaryDirectory("secretless-mqtt");
        var dataDirectory = new SecretlessDataDirectory(Path.Combine(temporary.Path, "data"));
        var database = SqliteDatabase.Open(dataDirectory, TimeProvider.System);
        var pki = LocalPki.Initialize(dataDirectory, TimeProvider.System);
        var registry = new SqliteThingRegistry(database, new LocalStackOptions(), TimeProvider.System);
        var log = new RecordingLogger<LocalMqttBroker>();
        var broker = new LocalMqttBroker(pki, registry, new LocalMqttBrokerOptions { Port = 0 }, TimeProvider.System, log);
        await broker.StartAsync(CancellationToken.None);
        return new BrokerTestEnvironment(temporary, dataDirectory, pki, registry, broker, log);
    }

    /// <summary>A second registry on the same file, as the CLI in another process would open it.</summary>
    public SqliteThingRegistry OpenSecondRegistry()
        => new(SqliteDatabase.Open(DataDirectory, TimeProvider.System), new LocalStackOptions(), TimeProvider.System);

    /// <summary>Key, CSR, certificate from the local CA, registered with thing and policy (unless told otherwise).</summary>
    public async Task<ProvisionedThing> ProvisionAsync(
        string thingName,
        bool register = true,
        bool attachThing = true,
        string policyName = PolicyName,
        string policyDocument = ProductLinePolicy.DefaultDocument)
    {
        var device = await DeviceKeyFixture.CreateAsync(Temporary, thingName, TestKeyKind.EcP256);
        var authority = new LocalCertificateAuthority(Pki);
        var issued = await authority.IssueAsync(TestProfiles.For(device, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        var certificatePath = Temporary.File($"{thingName}-{Guid.NewGuid():N}.cert.pem");
        await File.WriteAllTextAsync(certificatePath, PemEncoding.WriteString("CERTIFICATE", issued.CertificateDer) + "\n");
        var certificateId = SqliteThingRegistry.CertificateIdOf(issued.CertificateDer);
        if (register)
        {
            await Registry.RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);
            if (attachThing)
            {
                await Registry.EnsureThingAsync(thingName, CancellationToken.None);
            }

            await Registry.PutPolicyAsync(policyName, policyDocument, CancellationToken.None);
            await Registry.AttachPolicyAsync(policyName, certificateId, CancellationToken.None);
            if (attachThing)
            {
                await Registry.AttachThingPrincipalAsync(thingName, certificateId, CancellationToken.None);
            }
        }

        return new ProvisionedThing(thingName, certificatePath, device.PrivateKeyPath, certificateId);
    }

    /// <summary>A device certificate from a throwaway CA made with openssl: valid, but not ours.</summary>
    public async Task<ProvisionedThing> ForeignCertificateAsync(string thingName)
    {
        var stem = Temporary.File($"foreign-{Guid.NewGuid():N}");
        await OpenSsl.RunAsync(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", stem + ".ca.key",
            "-out", stem + ".ca.pem", "-days", "30", "-subj", "/CN=Foreign Root"], Temporary.Path);
        await OpenSsl.RunAsync(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", stem + ".key",
            "-out", stem + ".csr", "-subj", $"/CN={thingName}"], Temporary.Path);
        var extensions = stem + ".ext";
        await File.WriteAllTextAsync(extensions, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
        await OpenSsl.RunAsync(["x509", "-req", "-in", stem + ".csr", "-CA", stem + ".ca.pem", "-CAkey", stem + ".ca.key", "-CAcreateserial",
            "-out", stem + ".pem", "-days", "30", "-extfile", extensions], Temporary.Path);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(stem + ".pem");
        return new ProvisionedThing(thingName, stem + ".pem", stem + ".key", SqliteThingRegistry.CertificateIdOf(certificate.RawData));
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        Pki.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Temporary.Dispose();
    }
}
