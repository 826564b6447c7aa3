using Microsoft.Extensions.DependencyInjection;
using Secretless.Aws.Iot;
using Secretless.Core.Registry;

namespace Secretless.Aws.Tests.Iot;

public sealed class IotCoreOptionsTests
{
    [Fact]
    public void ThingRegistryValidate_WithCaButNoCa_ReportsSL4322()
    {
        var options = new IotCoreThingRegistryOptions();

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("SL4322:", StringComparison.Ordinal));
    }

    [Fact]
    public void ThingRegistryValidate_WithoutCaMode_NeedsNoCa()
    {
        var options = new IotCoreThingRegistryOptions { RegistrationMode = IotCertificateRegistrationMode.WithoutCa };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ThingRegistryValidate_BadValues_ReportsEachProblem()
    {
        var options = new IotCoreThingRegistryOptions
        {
            CaCertificatePem = "not a certificate",
            EndpointPort = 0,
            Region = "Mars",
            ServiceUrl = new Uri("ftp://example.com/"),
            MaxAttempts = 0,
            UnavailableRetryAfter = TimeSpan.Zero,
        };

        var codes = options.Validate().Select(p => p[..6]).ToList();

        Assert.Equal(["SL4325", "SL4326", "SL4327", "SL4328", "SL4329", "SL4330"], codes);
    }

    [Fact]
    public void ThingRegistryValidate_PemAndPath_ReportsSL4323_AndMissingFileSL4324()
    {
        Assert.Contains(new IotCoreThingRegistryOptions { CaCertificatePem = "x", CaCertificatePath = "y" }.Validate(), p => p.StartsWith("SL4323:", StringComparison.Ordinal));
        Assert.Contains(new IotCoreThingRegistryOptions { CaCertificatePath = "/nonexistent/ca.pem" }.Validate(), p => p.StartsWith("SL4324:", StringComparison.Ordinal));
    }

    [Fact]
    public void ThingRegistryValidate_CaFromFile_IsValid()
    {
        using var dir = new Secretless.TestSupport.TemporaryDirectory("iot-opt");
        using var ca = new DeviceCertificateAuthority();
        var path = dir.File("ca.pem");
        File.WriteAllText(path, ca.Pem);

        var options = new IotCoreThingRegistryOptions { CaCertificatePath = path };

        Assert.Empty(options.Validate());
        Assert.Equal(ca.Pem, options.ReadCaPem());
    }

    [Fact]
    public void CertificateAuthorityValidate_BadValues_ReportsEachProblem()
    {
        var options = new IotCoreCertificateAuthorityOptions
        {
            CaChainPem = "garbage",
            Region = "EU",
            ServiceUrl = new Uri("/relative", UriKind.Relative),
            MaxAttempts = 11,
            UnavailableRetryAfter = TimeSpan.FromHours(2),
        };

        var codes = options.Validate().Select(p => p[..6]).ToList();

        Assert.Equal(["SL4301", "SL4302", "SL4303", "SL4304", "SL4305"], codes);
        Assert.Empty(new IotCoreCertificateAuthorityOptions().Validate());
    }

    [Fact]
    public void UseIotCoreThingRegistry_InvalidOptions_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.UseIotCoreThingRegistry(_ => { }));

        Assert.Contains("SL4322", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void UseIotCoreThingRegistry_Valid_ReplacesTheRegistry()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IThingRegistry>(_ => throw new InvalidOperationException("the earlier registry"));

        services.UseIotCoreThingRegistry(o =>
        {
            o.RegistrationMode = IotCertificateRegistrationMode.WithoutCa;
            o.ServiceUrl = new Uri("http://127.0.0.1:9/");
        });

        using var provider = services.BuildServiceProvider();
        Assert.IsType<IotCoreThingRegistry>(provider.GetRequiredService<IThingRegistry>());
    }
}
