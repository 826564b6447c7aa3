using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Secretless.TestSupport;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Fake;

/// <summary>The fake AWS IoT control plane over real HTTP.</summary>
public sealed class FakeIotTests : IAsyncLifetime, IDisposable
{
    private const string PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:Connect","Resource":"*"}]}""";
    private readonly TemporaryDirectory _directory = new("fake-iot");
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
    public async Task CreateCertificateFromCsr_SetAsActive_IdIsSha256OfDerAndActive()
    {
        var result = await _client.IotAsync(HttpMethod.Post, "/certificates", "setAsActive=true", new JsonObject { ["certificateSigningRequest"] = _device.CsrPem });

        Assert.Equal(200, result.Status);
        using var certificate = X509Certificate2.CreateFromPem(result.Body!["certificatePem"]!.GetValue<string>());
        var id = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        Assert.Equal(id, result.Body["certificateId"]!.GetValue<string>());
        Assert.Equal($"arn:aws:iot:us-east-1:123456789012:cert/{id}", result.Body["certificateArn"]!.GetValue<string>());
        Assert.Equal("CN=dev-0001", certificate.Subject);
        Assert.Equal(_fake.Iot.AwsIotCaCertificate.Subject, certificate.Issuer);
        Assert.Equal("ACTIVE", _fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task CreateCertificateFromCsr_NotACsr_InvalidRequest400()
    {
        var result = await _client.IotAsync(HttpMethod.Post, "/certificates", "setAsActive=true", new JsonObject { ["certificateSigningRequest"] = "garbage" });

        Assert.Equal((400, "InvalidRequestException"), (result.Status, result.ErrorCode));
        Assert.Empty(_fake.Iot.Certificates);
    }

    [Fact]
    public async Task RegisterCertificate_ChainsToRegisteredCa_RegisteredOnceThen409()
    {
        var caId = _fake.Iot.RegisterCaCertificate(_fake.AcmPca.IssuingCaCertificate);
        var pem = await IssueWithPcaAsync();
        var body = new JsonObject { ["certificatePem"] = pem, ["caCertificatePem"] = _fake.AcmPca.IssuingCaCertificate.ExportCertificatePem(), ["status"] = "ACTIVE" };

        var first = await _client.IotAsync(HttpMethod.Post, "/certificate/register", "setAsActive=true", body);
        var second = await _client.IotAsync(HttpMethod.Post, "/certificate/register", "setAsActive=true", (JsonObject)body.DeepClone());

        Assert.Equal(200, first.Status);
        var id = first.Body!["certificateId"]!.GetValue<string>();
        Assert.Equal(caId, _fake.Iot.Certificates[id].CaCertificateId);
        Assert.Equal((409, "ResourceAlreadyExistsException"), (second.Status, second.ErrorCode));
        Assert.Equal(id, second.Body!["resourceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterCertificate_CaNotRegistered_CertificateValidationException()
    {
        var pem = await IssueWithPcaAsync();

        var result = await _client.IotAsync(HttpMethod.Post, "/certificate/register", "setAsActive=true", new JsonObject
        {
            ["certificatePem"] = pem,
            ["caCertificatePem"] = _fake.AcmPca.IssuingCaCertificate.ExportCertificatePem(),
        });

        Assert.Equal((400, "CertificateValidationException"), (result.Status, result.ErrorCode));
        Assert.Empty(_fake.Iot.Certificates);
    }

    [Fact]
    public async Task RegisterCertificateWithoutCa_StoresSniOnlyWithStatus()
    {
        var result = await _client.IotAsync(HttpMethod.Post, "/certificate/register-no-ca", body: new JsonObject { ["certificatePem"] = await IssueWithPcaAsync(), ["status"] = "ACTIVE" });

        var stored = _fake.Iot.Certificates[result.Body!["certificateId"]!.GetValue<string>()];
        Assert.Equal(("SNI_ONLY", "ACTIVE", (string?)null), (stored.Mode, stored.Status, stored.CaCertificateId));
    }

    [Fact]
    public async Task RegisterCaCertificate_VerificationCertificateCarriesRegistrationCode_Registered()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey);
        var code = (await _client.IotAsync(HttpMethod.Get, "/registrationcode")).Body!["registrationCode"]!.GetValue<string>();

        var wrong = await RegisterCaAsync(ca, VerificationCertificate(ca, caKey, "not-the-code"));
        var right = await RegisterCaAsync(ca, VerificationCertificate(ca, caKey, code));

        Assert.Equal((400, "CertificateValidationException"), (wrong.Status, wrong.ErrorCode));
        Assert.Equal(200, right.Status);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(ca.RawData)), _fake.Iot.RegisteredCaIds);
    }

    [Fact]
    public async Task UpdateCertificate_RevokedThenActive_CertificateState406()
    {
        var id = await CreateCertificateAsync();

        var revoke = await _client.IotAsync(HttpMethod.Put, $"/certificates/{id}", "newStatus=REVOKED");
        var activate = await _client.IotAsync(HttpMethod.Put, $"/certificates/{id}", "newStatus=ACTIVE");

        Assert.Equal(200, revoke.Status);
        Assert.Equal((406, "CertificateStateException"), (activate.Status, activate.ErrorCode));
        Assert.Equal("REVOKED", _fake.Iot.Certificates[id].Status);
    }

    [Fact]
    public async Task UpdateCertificate_Unknown_ResourceNotFound404()
    {
        var result = await _client.IotAsync(HttpMethod.Put, $"/certificates/{new string('a', 64)}", "newStatus=INACTIVE");

        Assert.Equal((404, "ResourceNotFoundException"), (result.Status, result.ErrorCode));
    }

    [Fact]
    public async Task DeleteCertificate_ActiveThenInactive_406ThenDeleted()
    {
        var id = await CreateCertificateAsync();

        var whileActive = await _client.IotAsync(HttpMethod.Delete, $"/certificates/{id}", "forceDelete=true");
        await _client.IotAsync(HttpMethod.Put, $"/certificates/{id}", "newStatus=INACTIVE");
        var whileInactive = await _client.IotAsync(HttpMethod.Delete, $"/certificates/{id}", "forceDelete=true");

        Assert.Equal(406, whileActive.Status);
        Assert.Equal(200, whileInactive.Status);
        Assert.False(_fake.Iot.Certificates.ContainsKey(id));
    }

    [Fact]
    public async Task CreateThing_SameAttributesTwice_SameThing_DifferentAttributes409()
    {
        var body = new JsonObject { ["attributePayload"] = new JsonObject { ["attributes"] = new JsonObject { ["serial"] = "SN-1" } } };

        var first = await _client.IotAsync(HttpMethod.Post, "/things/fleet%3Adev_0001", body: body);
        var again = await _client.IotAsync(HttpMethod.Post, "/things/fleet%3Adev_0001", body: (JsonObject)body.DeepClone());
        var different = await _client.IotAsync(HttpMethod.Post, "/things/fleet%3Adev_0001", body: new JsonObject { ["attributePayload"] = new JsonObject { ["attributes"] = new JsonObject { ["serial"] = "SN-2" } } });

        Assert.Equal(200, again.Status);
        Assert.Equal(first.Body!["thingId"]!.GetValue<string>(), again.Body!["thingId"]!.GetValue<string>());
        Assert.Equal("arn:aws:iot:us-east-1:123456789012:thing/fleet:dev_0001", first.Body["thingArn"]!.GetValue<string>());
        Assert.Equal((409, "ResourceAlreadyExistsException"), (different.Status, different.ErrorCode));
        Assert.Equal("SN-1", _fake.Iot.Things["fleet:dev_0001"].Attributes["serial"]);
    }

    [Fact]
    public async Task DescribeThing_Missing_ResourceNotFound404()
    {
        var result = await _client.IotAsync(HttpMethod.Get, "/things/nobody");

        Assert.Equal((404, "ResourceNotFoundException"), (result.Status, result.ErrorCode));
    }

    [Fact]
    public async Task CreatePolicy_Twice_SecondIs409AndGetPolicyReturnsTheFirst()
    {
        var first = await _client.IotAsync(HttpMethod.Post, "/policies/fleet-policy%2Bv2", body: new JsonObject { ["policyDocument"] = PolicyDocument });
        var second = await _client.IotAsync(HttpMethod.Post, "/policies/fleet-policy%2Bv2", body: new JsonObject { ["policyDocument"] = "{}" });
        var get = await _client.IotAsync(HttpMethod.Get, "/policies/fleet-policy%2Bv2");

        Assert.Equal("arn:aws:iot:us-east-1:123456789012:policy/fleet-policy+v2", first.Body!["policyArn"]!.GetValue<string>());
        Assert.Equal((409, "ResourceAlreadyExistsException"), (second.Status, second.ErrorCode));
        Assert.Equal(PolicyDocument, get.Body!["policyDocument"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatePolicy_ConcurrentCreators_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _client.IotAsync(HttpMethod.Post, "/policies/race", body: new JsonObject { ["policyDocument"] = PolicyDocument })));

        Assert.Single(results, r => r.Status == 200);
        Assert.All(results.Where(r => r.Status != 200), r => Assert.Equal("ResourceAlreadyExistsException", r.ErrorCode));
    }

    [Fact]
    public async Task AttachPolicyAndThingPrincipal_ListThingPrincipals_ShowsCertificate()
    {
        var id = await CreateCertificateAsync();
        var arn = FakeIot.CertificateArn(id);
        await _client.IotAsync(HttpMethod.Post, "/policies/p", body: new JsonObject { ["policyDocument"] = PolicyDocument });
        await _client.IotAsync(HttpMethod.Post, "/things/t", body: new JsonObject());
        var principal = new Dictionary<string, string> { ["x-amzn-principal"] = arn };

        var attachPolicy = await _client.IotAsync(HttpMethod.Put, "/target-policies/p", body: new JsonObject { ["target"] = arn });
        var attachPrincipal = await _client.IotAsync(HttpMethod.Put, "/things/t/principals", extraHeaders: principal);
        var list = await _client.IotAsync(HttpMethod.Get, "/things/t/principals", "maxResults=25");

        Assert.Equal((200, 200), (attachPolicy.Status, attachPrincipal.Status));
        Assert.Equal([arn], _fake.Iot.PolicyTargets["p"]);
        Assert.Equal([arn], _fake.Iot.ThingPrincipals["t"]);
        Assert.Equal(arn, Assert.Single(list.Body!["principals"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task DescribeEndpoint_DataAts_AtsHost()
    {
        var result = await _client.IotAsync(HttpMethod.Get, "/endpoint", "endpointType=iot%3AData-ATS");

        Assert.Equal(_fake.Iot.DataAtsEndpoint, result.Body!["endpointAddress"]!.GetValue<string>());
        Assert.EndsWith("-ats.iot.us-east-1.amazonaws.com", _fake.Iot.DataAtsEndpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNext_Throttling_429WithErrorTypeThenSucceeds()
    {
        _fake.FailNext("CreateThing", "ThrottlingException");

        var throttled = await _client.IotAsync(HttpMethod.Post, "/things/t", body: new JsonObject());
        var created = await _client.IotAsync(HttpMethod.Post, "/things/t", body: new JsonObject());

        Assert.Equal((429, "ThrottlingException"), (throttled.Status, throttled.ErrorCode));
        Assert.Equal("Rate exceeded", throttled.Body!["message"]!.GetValue<string>());
        Assert.Equal(200, created.Status);
        Assert.Equal(["CreateThing", "CreateThing"], _fake.Calls);
    }

    private async Task<string> CreateCertificateAsync()
    {
        var result = await _client.IotAsync(HttpMethod.Post, "/certificates", "setAsActive=true", new JsonObject { ["certificateSigningRequest"] = _device.CsrPem });
        return result.Body!["certificateId"]!.GetValue<string>();
    }

    private async Task<string> IssueWithPcaAsync()
    {
        _fake.AcmPca.InProgressPolls = 0;
        var issued = await _client.PcaAsync("IssueCertificate", new JsonObject
        {
            ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn,
            ["Csr"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(_device.CsrPem)),
            ["SigningAlgorithm"] = "SHA256WITHECDSA",
            ["Validity"] = new JsonObject { ["Value"] = 30, ["Type"] = "DAYS" },
        });
        var got = await _client.PcaAsync("GetCertificate", new JsonObject { ["CertificateAuthorityArn"] = _fake.AcmPca.CertificateAuthorityArn, ["CertificateArn"] = issued.Body!["CertificateArn"]!.GetValue<string>() });
        return got.Body!["Certificate"]!.GetValue<string>();
    }

    private Task<FakeAwsResult> RegisterCaAsync(X509Certificate2 ca, X509Certificate2 verification) =>
        _client.IotAsync(HttpMethod.Post, "/cacertificate", "allowAutoRegistration=false&setAsActive=true", new JsonObject
        {
            ["caCertificate"] = ca.ExportCertificatePem(),
            ["verificationCertificate"] = verification.ExportCertificatePem(),
            ["certificateMode"] = "DEFAULT",
        });

    private static X509Certificate2 CreateCa(ECDsa key)
    {
        var request = new CertificateRequest("CN=Test Device CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 VerificationCertificate(X509Certificate2 ca, ECDsa caKey, string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3]);
    }
}
