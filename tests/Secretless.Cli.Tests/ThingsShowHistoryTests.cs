using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

/// <summary><c>things show</c> lists a thing's whole certificate history: every certificate, its status and registration time.</summary>
public sealed class ThingsShowHistoryTests
{
    [Fact]
    public async Task ThingsShow_RotatedThing_EveryCertificateWithStatusAndRegistrationTimeOldestFirst()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var first = await RegistryFixture.RegisterCertificateAsync(temp, data, "sensor-7");
        var second = await RegistryFixture.RegisterCertificateAsync(temp, data, "sensor-7");
        Assert.Equal(0, (await InProcessCli.RunAsync("certs", "revoke", first, "--data", data)).ExitCode);

        var show = await InProcessCli.RunAsync("things", "show", "sensor-7", "--json", "--data", data);
        var text = await InProcessCli.RunAsync("things", "show", "sensor-7", "--data", data);

        Assert.True(show.ExitCode == 0, show.ToString());
        using var shown = JsonDocument.Parse(show.StandardOutput);
        var certificates = shown.RootElement.GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal([first, second], certificates.Select(c => c.GetProperty("certificateId").GetString()));
        Assert.Equal(["revoked", "active"], certificates.Select(c => c.GetProperty("status").GetString()));
        var registeredAt = certificates.Select(c => c.GetProperty("registeredAt").GetDateTimeOffset()).ToList();
        Assert.True(registeredAt[0] <= registeredAt[1]);
        Assert.Contains($"{first}  revoked", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{second}  active", text.StandardOutput, StringComparison.Ordinal);
    }
}
