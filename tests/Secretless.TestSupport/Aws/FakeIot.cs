using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// The fake AWS IoT control plane's state: certificates, CA certificates, things, policies and
/// their attachments, all in memory behind one lock. The read properties return snapshots,
/// safe to use from parallel tests while requests are being served.
/// </summary>
public sealed class FakeIot
{
    internal FakeIot(TimeProvider clock, string endpointPrefix, DateTimeOffset now)
    {
        Clock = clock;
        EndpointPrefix = endpointPrefix;
        RegistrationCode = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        AwsIotCa = InMemoryCertificateAuthority.CreateRoot(
            "OU=\"Amazon Web Services O=Amazon.com Inc. L=Seattle ST=Washington C=US\"",
            now.AddYears(-1),
            new DateTimeOffset(2050, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>The account's data endpoint host (DescribeEndpoint iot:Data-ATS).</summary>
    public string DataAtsEndpoint => $"{EndpointPrefix}-ats.iot.{FakeAwsEndpoint.Region}.amazonaws.com";

    /// <summary>What GetRegistrationCode returns: the CN a CA's verification certificate must carry.</summary>
    public string RegistrationCode { get; }

    /// <summary>The "AWS IoT" CA that signs CreateCertificateFromCsr certificates.</summary>
    public X509Certificate2 AwsIotCaCertificate => AwsIotCa.Certificate;

    public IReadOnlyDictionary<string, FakeIotCertificate> Certificates => Snapshot(CertificateStore);

    public IReadOnlyDictionary<string, FakeIotCaCertificate> CaCertificates => Snapshot(CaStore);

    public IReadOnlyCollection<string> RegisteredCaIds => [.. CaCertificates.Keys];

    public IReadOnlyDictionary<string, FakeIotThing> Things => Snapshot(ThingStore);

    /// <summary>Policy name → policy document.</summary>
    public IReadOnlyDictionary<string, string> Policies
    {
        get
        {
            lock (Gate)
            {
                return PolicyStore.ToDictionary(p => p.Key, p => p.Value.Document, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Policy name → the targets (certificate ARNs) it is attached to.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> PolicyTargets => SnapshotSets(PolicyTargetStore);

    /// <summary>Thing name → the principals (certificate ARNs) attached to it.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ThingPrincipals => SnapshotSets(ThingPrincipalStore);

    internal Lock Gate { get; } = new();

    internal string EndpointPrefix { get; }

    internal TimeProvider Clock { get; }

    internal InMemoryCertificateAuthority AwsIotCa { get; }

    internal Dictionary<string, FakeIotCertificate> CertificateStore { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, FakeIotCaCertificate> CaStore { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, FakeIotThing> ThingStore { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, FakeIotPolicy> PolicyStore { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, HashSet<string>> PolicyTargetStore { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, HashSet<string>> ThingPrincipalStore { get; } = new(StringComparer.Ordinal);

    public static string CertificateArn(string id) => $"arn:aws:iot:{FakeAwsEndpoint.Region}:{FakeAwsEndpoint.AccountId}:cert/{id}";

    public static string CaCertificateArn(string id) => $"arn:aws:iot:{FakeAwsEndpoint.Region}:{FakeAwsEndpoint.AccountId}:cacert/{id}";

    public static string ThingArn(string name) => $"arn:aws:iot:{FakeAwsEndpoint.Region}:{FakeAwsEndpoint.AccountId}:thing/{name}";

    public static string PolicyArn(string name) => $"arn:aws:iot:{FakeAwsEndpoint.Region}:{FakeAwsEndpoint.AccountId}:policy/{name}";

    /// <summary>
    /// Test setup: registers <paramref name="caCertificate"/> as an ACTIVE CA (DEFAULT mode) without the
    /// verification-certificate proof RegisterCACertificate demands; returns its certificate id.
    /// </summary>
    public string RegisterCaCertificate(X509Certificate2 caCertificate)
    {
        ArgumentNullException.ThrowIfNull(caCertificate);
        var id = CertificateSignatures.IotCertificateId(caCertificate);
        lock (Gate)
        {
            CaStore[id] = new FakeIotCaCertificate(id, CaCertificateArn(id), caCertificate.ExportCertificatePem() + "\n", "ACTIVE", false, "DEFAULT", Clock.GetUtcNow());
        }

        return id;
    }

    /// <summary>Certificate principals must exist; other principal kinds (Cognito ids, thing groups) are taken as given. Caller holds the lock.</summary>
    internal void EnsurePrincipalExists(string principal)
    {
        var prefix = CertificateArn("");
        if (principal.StartsWith(prefix, StringComparison.Ordinal) && !CertificateStore.ContainsKey(principal[prefix.Length..]))
        {
            throw IotCertificateOperations.NotFound($"The certificate {principal} does not exist.");
        }
    }

    private Dictionary<string, T> Snapshot<T>(Dictionary<string, T> store)
    {
        lock (Gate)
        {
            return new Dictionary<string, T>(store, StringComparer.Ordinal);
        }
    }

    private Dictionary<string, IReadOnlySet<string>> SnapshotSets(Dictionary<string, HashSet<string>> store)
    {
        lock (Gate)
        {
            return store.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)new HashSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        }
    }
}
