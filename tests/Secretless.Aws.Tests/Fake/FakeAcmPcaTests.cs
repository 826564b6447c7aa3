using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Secretless.TestSupport;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Fake;

/// <summary>The fake Private CA over real HTTP with real openssl CSRs.</summary>
public sealed class FakeAcmPcaTests : IAsyncLifetime, IDisposable
{
    private const string ClientAuthTemplate = "arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1";
    private readonly TemporaryDirectory _directory = new("fake-pca");
    private FakeAwsEndpoint _fake = null!;
    private FakeAwsTestClient _client = null!;
    private DeviceKeyFixture _device = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeAwsEndpoint.StartAsync();
        _client = new FakeAwsTestClient(_fake.ServiceUrl);
        _device = await DeviceKeyFixture.CreateAsync(_directory, "dev-0001", TestKeyKind.EcP256);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose()
    {
        _client?.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task GetCertificate_AfterIssue_InProgressThenIssuedByTheSubordinateCa()
    {
        _fake.AcmPca.InProgressPolls = 2;
        var arn = await IssueAsync();

        var first = await GetAsync(arn);
        var second = await GetAsync(arn);
        var third = await GetAsync(arn);

        Assert.Equal([400, 400], new[] { first.Status, second.Status });
        Assert.Equal("RequestInProgressException", first.ErrorCode);
        Assert.Equal("RequestInProgressException", second.ErrorCode);
        Assert.Equal(200, third.Status);
        using var leaf = X509Certificate2.CreateFromPem(third.Body!["Certificate"]!.GetValue<string>());
        Assert.Equal(_fake.AcmPca.IssuingCaCertificate.ExportCertificatePem() + "\n" + _fake.AcmPca.RootCertificate.ExportCertificatePem(), third.Body["CertificateChain"]!.GetValue<string>());
        Assert.Equal("CN=dev-0001", leaf.Subject);
        Assert.Equal(_device.PublicKeySpkiDer, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(ChainsToFakeRoot(leaf));
    }

    [Fact]
    public async Task IssueCertificate_ClientAuthTemplate_HasEndEntityClientAuthExtensionsAndValidity()
    {
        _fake.AcmPca.InProgressPolls = 0;
        var before = DateTimeOffset.UtcNow;

        var result = await GetAsync(await IssueAsync());

        using var leaf = X509Certificate2.CreateFromPem(result.Body!["Certificate"]!.GetValue<string>());
        var eku = Assert.Single(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, Assert.Single(leaf.Extensions.OfType<X509KeyUsageExtension>()).KeyUsages);
        Assert.False(Assert.Single(leaf.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        Assert.Single(leaf.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.Single(leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.Equal(TimeSpan.FromDays(365) + TimeSpan.FromMinutes(60), leaf.NotAfter - leaf.NotBefore);
        Assert.InRange(new DateTimeOffset(leaf.NotAfter.ToUniversalTime()), before.AddDays(365).AddSeconds(-2), before.AddDays(366));
        Assert.True(leaf.GetSerialNumber()[^1] < 0x80, "serial must be positive");
    }

    [Fact]
    public async Task IssueCertificate_ValidityNotBeforeAbsolute_StartsThen()
    {
        _fake.AcmPca.InProgressPolls = 0;
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var input = IssueInput("tok-nb");
        input["ValidityNotBefore"] = new JsonObject { ["Value"] = start.ToUnixTimeSeconds(), ["Type"] = "ABSOLUTE" };

        var issued = await _client.PcaAsync("IssueCertificate", input);
        var result = await GetAsync(issued.Body!["CertificateArn"]!.GetValue<string>());

        using var leaf = X509Certificate2.CreateFromPem(result.Body!["Certificate"]!.GetValue<string>());
        Assert.Equal(start.ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotBefore.ToUniversalTime()).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task IssueCertificate_SameIdempotencyToken_SameArnIssuedOnce()
    {
        var first = await IssueAsync("token-1");
        var again = await IssueAsync("token-1");
        var other = await IssueAsync("token-2");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(2, _fake.AcmPca.IssueCount);
    }

    [Fact]
    public async Task IssueCertificate_NotACsr_MalformedCsr()
    {
        var input = IssueInput(null);
        input["Csr"] = Convert.ToBase64String("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"u8);

        var result = await _client.PcaAsync("IssueCertificate", input);

        Assert.Equal(400, result.Status);
        Assert.Equal("MalformedCSRException", result.ErrorCode);
        Assert.Equal(0, _fake.AcmPca.IssueCount);
    }

    [Fact]
    public async Task IssueCertificate_CsrSignatureBroken_MalformedCsr()
    {
        var der = (byte[])_device.CsrDer.Clone();
        der[^3] ^= 0x01;
        var input = IssueInput(null);
        input["Csr"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE REQUEST", der)));

        var result = await _client.PcaAsync("IssueCertificate", input);

        Assert.Equal("MalformedCSRException", result.ErrorCode);
    }

    [Theory]
    [InlineData("CertificateAuthorityArn", "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/00000000-0000-0000-0000-000000000000", "ResourceNotFoundException")]
    [InlineData("SigningAlgorithm", "SHA256WITHRSA", "InvalidArgsException")]
    [InlineData("SigningAlgorithm", "MD5", "ValidationException")]
    [InlineData("TemplateArn", "arn:aws:acm-pca:::template/RootCACertificate/V1", "InvalidArgsException")]
    public async Task IssueCertificate_BadArgument_NamedError(string member, string value, string expected)
    {
        var input = IssueInput(null);
        input[member] = value;

        var result = await _client.PcaAsync("IssueCertificate", input);

        Assert.Equal(400, result.Status);
        Assert.Equal(expected, result.ErrorCode);
    }

    [Fact]
    public async Task IssueCertificate_ValidityBeyondTheCa_ValidationException()
    {
        var input = IssueInput(null);
        input["Validity"] = new JsonObject { ["Value"] = 50, ["Type"] = "YEARS" };

        var result = await _client.PcaAsync("IssueCertificate", input);

        Assert.Equal("ValidationException", result.ErrorCode);
    }

    [Fact]
    public async Task RevokeCertificate_Twice_SecondIsRequestAlreadyProcessed()
    {
        _fake.AcmPca.InProgressPolls = 0;
        var result = await GetAsync(await IssueAsync());
        using var leaf = X509Certificate2.CreateFromPem(result.Body!["Certificate"]!.GetValue<string>());
        var serial = string.Join(':', Convert.FromHexString(leaf.SerialNumber).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        var revoke = new JsonObject { ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn, ["CertificateSerial"] = serial, ["RevocationReason"] = "KEY_COMPROMISE" };

        var first = await _client.PcaAsync("RevokeCertificate", revoke);
        var second = await _client.PcaAsync("RevokeCertificate", (JsonObject)revoke.DeepClone());

        Assert.Equal(200, first.Status);
        Assert.Null(first.Body);
        Assert.Equal("RequestAlreadyProcessedException", second.ErrorCode);
        // The fake keeps serials as the number itself: lower-case hex without leading zeros.
        Assert.Equal([leaf.SerialNumber.ToLowerInvariant().TrimStart('0')], _fake.AcmPca.RevokedSerials);
    }

    [Fact]
    public async Task GetCertificateAuthorityCertificate_ReturnsIssuingCaAndRootChain()
    {
        var result = await _client.PcaAsync("GetCertificateAuthorityCertificate", new JsonObject { ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn });

        Assert.Equal(_fake.AcmPca.IssuingCaCertificate.ExportCertificatePem(), result.Body!["Certificate"]!.GetValue<string>());
        Assert.Equal(_fake.AcmPca.RootCertificate.ExportCertificatePem(), result.Body["CertificateChain"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescribeCertificateAuthority_ActiveEcSubordinate()
    {
        var result = await _client.PcaAsync("DescribeCertificateAuthority", new JsonObject { ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn });

        var ca = result.Body!["CertificateAuthority"]!;
        Assert.Equal("ACTIVE", ca["Status"]!.GetValue<string>());
        Assert.Equal("SUBORDINATE", ca["Type"]!.GetValue<string>());
        Assert.Equal("EC_prime256v1", ca["CertificateAuthorityConfiguration"]!["KeyAlgorithm"]!.GetValue<string>());
        Assert.Equal("SHA256WITHECDSA", ca["CertificateAuthorityConfiguration"]!["SigningAlgorithm"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(_fake.AcmPca.IssuingCaCertificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), ca["NotAfter"]!.GetValue<long>());
    }

    [Fact]
    public async Task FailNext_Throttling_FailsTwiceThenIssues()
    {
        _fake.FailNext("IssueCertificate", "ThrottlingException", 2);

        var first = await _client.PcaAsync("IssueCertificate", IssueInput("t"));
        var second = await _client.PcaAsync("IssueCertificate", IssueInput("t"));
        var third = await _client.PcaAsync("IssueCertificate", IssueInput("t"));

        Assert.Equal((400, "ThrottlingException"), (first.Status, first.ErrorCode));
        Assert.Equal((400, "ThrottlingException"), (second.Status, second.ErrorCode));
        Assert.Equal(200, third.Status);
        Assert.Equal(["IssueCertificate", "IssueCertificate", "IssueCertificate"], _fake.Calls);
        Assert.Equal(1, _fake.AcmPca.IssueCount);
    }

    [Fact]
    public async Task FailNext_ServiceUnavailable_503ThenAnswers()
    {
        _fake.FailNext("DescribeCertificateAuthority", "ServiceUnavailableException");
        var input = new JsonObject { ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn };

        var failed = await _client.PcaAsync("DescribeCertificateAuthority", input);
        var answered = await _client.PcaAsync("DescribeCertificateAuthority", (JsonObject)input.DeepClone());

        Assert.Equal((503, "ServiceUnavailableException"), (failed.Status, failed.ErrorCode));
        Assert.Equal(200, answered.Status);
    }

    [Fact]
    public async Task SharedAsync_TwoCallers_SameRunningEndpoint()
    {
        var first = await FakeAwsEndpoint.SharedAsync();
        var second = await FakeAwsEndpoint.SharedAsync();
        using var client = new FakeAwsTestClient(first.ServiceUrl);

        var result = await client.PcaAsync("GetCertificateAuthorityCertificate", new JsonObject { ["CertificateAuthorityArn"] = first.AcmPca.CertificateAuthorityArn });

        Assert.Same(first, second);
        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task IssueCertificate_ParallelSameToken_OneCertificate()
    {
        var arns = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => IssueAsync("same")));

        Assert.Single(arns.Distinct());
        Assert.Equal(1, _fake.AcmPca.IssueCount);
    }

    private JsonObject IssueInput(string? token)
    {
        var input = new JsonObject
        {
            ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn,
            ["Csr"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(_device.CsrPem)),
            ["SigningAlgorithm"] = "SHA256WITHECDSA",
            ["TemplateArn"] = ClientAuthTemplate,
            ["Validity"] = new JsonObject { ["Value"] = 365, ["Type"] = "DAYS" },
        };
        if (token is not null)
        {
            input["IdempotencyToken"] = token;
        }

        return input;
    }

    private async Task<string> IssueAsync(string? token = null)
    {
        var result = await _client.PcaAsync("IssueCertificate", IssueInput(token));
        Assert.Equal(200, result.Status);
        return result.Body!["CertificateArn"]!.GetValue<string>();
    }

    private Task<FakeAwsResult> GetAsync(string arn) =>
        _client.PcaAsync("GetCertificate", new JsonObject { ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn, ["CertificateArn"] = arn });

    private bool ChainsToFakeRoot(X509Certificate2 leaf)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_fake.AcmPca.RootCertificate);
        chain.ChainPolicy.ExtraStore.Add(_fake.AcmPca.IssuingCaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(leaf);
    }
}
