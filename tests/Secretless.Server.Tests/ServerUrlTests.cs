using System.Net;
using Secretless.Server.Hosting;

namespace Secretless.Server.Tests;

public sealed class ServerUrlTests
{
    [Theory]
    [InlineData("https://127.0.0.1:8443", true, ServerBindKind.Address, "127.0.0.1", 8443)]
    [InlineData("http://localhost:8080", false, ServerBindKind.Localhost, "localhost", 8080)]
    [InlineData("https://*:9000", true, ServerBindKind.AnyAddress, "*", 9000)]
    [InlineData("https://[::1]:0", true, ServerBindKind.Address, "::1", 0)]
    [InlineData("https://provisioning.example.com", true, ServerBindKind.AnyAddress, "provisioning.example.com", 443)]
    [InlineData("HTTP://Device-Gateway:80/", false, ServerBindKind.AnyAddress, "device-gateway", 80)]
    public void Parse_ValidUrl_SplitsSchemeHostAndPort(string url, bool https, ServerBindKind kind, string host, int port)
    {
        var parsed = ServerUrl.Parse(url);

        Assert.Equal(https, parsed.IsHttps);
        Assert.Equal(kind, parsed.BindKind);
        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
    }

    [Theory]
    [InlineData("127.0.0.1:8443", "no scheme")]
    [InlineData("ftp://127.0.0.1:21", "neither https nor http")]
    [InlineData("https://127.0.0.1:8443/api", "a path is not supported")]
    [InlineData("https://127.0.0.1:99999", "not a number from 0 to 65535")]
    [InlineData("https://localhost:0", "port 0 cannot be used with localhost")]
    [InlineData("https://[::1:8443", "no closing")]
    public void Parse_InvalidUrl_ThrowsWithReason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ServerUrl.Parse(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("SL2004", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubjectAlternativeNames_UrlsWithHostsAndAddresses_CoverLoopbackHostNameAndEveryUrlHost()
    {
        var urls = new[] { ServerUrl.Parse("https://10.1.2.3:8443"), ServerUrl.Parse("https://gw.example.com:8443"), ServerUrl.Parse("https://*:9443") };

        var (dnsNames, addresses) = ServerTlsIdentity.SubjectAlternativeNames(urls);

        Assert.Contains("localhost", dnsNames);
        Assert.Contains(Dns.GetHostName(), dnsNames);
        Assert.Contains("gw.example.com", dnsNames);
        Assert.DoesNotContain("*", dnsNames);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("10.1.2.3")], addresses);
    }

    [Fact]
    public void Validate_NoUrls_ThrowsNamingTheSetting()
    {
        var options = new SecretlessServerOptions { Urls = [] };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("SL2001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_NoUrlGiven_IsHttpsOnLoopback8443()
    {
        var urls = new SecretlessServerOptions().Validate();

        var url = Assert.Single(urls);
        Assert.True(url.IsHttps);
        Assert.Equal(IPAddress.Loopback, url.Address);
        Assert.Equal(8443, url.Port);
    }
}
