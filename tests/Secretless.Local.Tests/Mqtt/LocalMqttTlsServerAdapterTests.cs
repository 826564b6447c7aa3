using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;
using Secretless.Local.Mqtt;

namespace Secretless.Local.Tests.Mqtt;

public sealed class LocalMqttTlsServerAdapterTests : IAsyncLifetime
{
    private BrokerTestEnvironment _environment = null!;

    public async Task InitializeAsync() => _environment = await BrokerTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task Handshake_ClientConnectsButNeverSpeaks_ConnectionClosedAfterTheTimeout()
    {
        using var adapter = await StartAsync(TimeSpan.FromMilliseconds(300));
        using var silent = new TcpClient();
        await silent.ConnectAsync(IPAddress.Loopback, adapter.BoundPort);

        // The server must end the connection by itself; a hang fails the WaitAsync.
        Assert.True(await ClosedByServerAsync(silent.GetStream(), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Connection_ServerCertificateUnavailable_ClosedAndLoggedListenerKeepsServing()
    {
        var log = new RecordingLogger<LocalMqttTlsServerAdapter>();
        var broken = true;
        using var adapter = await StartAsync(
            TimeSpan.FromSeconds(10),
            () => broken ? throw new InvalidOperationException("pki.json is unreadable") : ServerCertificate(),
            log);
        using (var first = new TcpClient())
        {
            await first.ConnectAsync(IPAddress.Loopback, adapter.BoundPort);
            Assert.True(await ClosedByServerAsync(first.GetStream(), TimeSpan.FromSeconds(10)));
        }

        Assert.Contains(log.Entries, entry => entry.EventId == 3008 && entry.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        broken = false;
        using var second = new TcpClient();
        await second.ConnectAsync(IPAddress.Loopback, adapter.BoundPort);
        await using var tls = new SslStream(second.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && ChainsToRoot(certificate),
        });
        Assert.True(tls.IsAuthenticated);
    }

    [Fact]
    public async Task Handshake_ClientTrustingOnlyTheRoot_ReceivesCertificateAndIssuingCa()
    {
        using var adapter = await StartAsync(TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, adapter.BoundPort);
        X509Certificate2Collection? sent = null;
        await using var tls = new SslStream(tcp.GetStream());

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                // A device pinning the root alone: only what the server sent can fill the gap.
                using var leaf = new X509Certificate2(certificate!);
                sent = [.. chain!.ChainPolicy.ExtraStore.Where(c => c.Thumbprint != leaf.Thumbprint)];
                using var rootOnly = new X509Chain();
                rootOnly.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                rootOnly.ChainPolicy.CustomTrustStore.Add(_environment.Pki.RootCertificate);
                rootOnly.ChainPolicy.ExtraStore.AddRange(sent);
                rootOnly.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return rootOnly.Build(leaf);
            },
        });

        // What the handshake carried besides the leaf: exactly the active issuing CA, never the root.
        var issuer = Assert.Single(sent!);
        Assert.Equal(_environment.Pki.IssuingCertificate.Thumbprint, issuer.Thumbprint);
        Assert.NotEqual(_environment.Pki.RootCertificate.Thumbprint, issuer.Thumbprint);
    }

    private async Task<LocalMqttTlsServerAdapter> StartAsync(
        TimeSpan handshakeTimeout, Func<SslStreamCertificateContext>? serverCertificate = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var adapter = new LocalMqttTlsServerAdapter(
            new IPEndPoint(IPAddress.Loopback, 0),
            serverCertificate ?? ServerCertificate,
            (_, certificate, _, _) => certificate is null, // these test clients send none
            logger ?? NullLogger.Instance,
            handshakeTimeout);
        await adapter.StartAsync(new MqttServerOptionsBuilder().WithoutDefaultEndpoint().Build(), MqttNetNullLogger.Instance);
        return adapter;
    }

    private SslStreamCertificateContext ServerCertificate() => _environment.Pki.GetServerCertificate(["localhost"], [IPAddress.Loopback]).Context;

    private bool ChainsToRoot(X509Certificate certificate)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_environment.Pki.RootCertificate);
        chain.ChainPolicy.ExtraStore.Add(_environment.Pki.IssuingCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static async Task<bool> ClosedByServerAsync(NetworkStream stream, TimeSpan within)
    {
        try
        {
            return await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(within) == 0;
        }
        catch (IOException)
        {
            return true; // reset instead of FIN: closed all the same
        }
    }
}
