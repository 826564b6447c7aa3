using System.Net;
using System.Text.Json;
using Secretless.Server.Tests.Support;

namespace Secretless.Server.Tests;

public sealed class ServerStartupTests
{
    [Fact]
    public async Task StartAsync_PortZero_AnnouncesBoundPortAndCaChainFile()
    {
        await using var server = await RunningServer.StartAsync();

        var address = Assert.Single(server.Started.Addresses);
        Assert.StartsWith("https://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.NotEqual(0, server.Port);
        Assert.Equal(server.Started.Addresses, server.App.GetListeningAddresses());
        Assert.True(File.Exists(server.CaChainPath));
        Assert.Contains(server.Log.Entries, entry => entry.EventId == 2000 && entry.Message.Contains(address, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Live_Running_Answers200Json()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("live", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PlainHttpUrl_HttpScheme_ServesWithoutTls()
    {
        await using var server = await RunningServer.StartAsync(https: false);

        using var response = await server.Client.GetAsync("health/live");

        Assert.Equal("http", server.BaseUri.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(server.Log.Entries, entry => entry.EventId == 2007);
    }
}
