using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests;

/// <summary><c>serve</c> with an invalid option value: exit code 2, a precise message, and nothing created.</summary>
public sealed class ServeInvalidOptionsTests
{
    [Theory]
    [InlineData("--delivery", "sometimes", "'sometimes'")]
    [InlineData("--delivery-deadline", "0", "--delivery-deadline must be between 1 and 3600 seconds.")]
    [InlineData("--delivery-deadline", "3601", "--delivery-deadline must be between 1 and 3600 seconds.")]
    [InlineData("--payload-url-lifetime", "0", "--payload-url-lifetime must be between 1 and 10080 minutes (7 days).")]
    [InlineData("--log-level", "loud", "'loud'")]
    [InlineData("--log-format", "xml", "'xml'")]
    public async Task Serve_InvalidOption_ExitsTwoWithPreciseMessage(string option, string value, string expected)
    {
        using var temp = new TemporaryDirectory("secretless-serve-options");

        var result = await InProcessCli.RunAsync("serve", option, value, "--data", temp.File("data"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("data")), "serve must stop before it creates anything");
    }
}
