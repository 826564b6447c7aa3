using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Secretless.Core.Issuance;
using Secretless.Server.Tests.Support;

namespace Secretless.Server.Tests;

public sealed class TlsTests
{
    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Handshake_Tls12Or13_NegotiatesWithCertificateFromLocalCa(SslProtocols protocol)
    {
        await using var server = await RunningServer.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        await using var tls = new SslStream(tcp.GetStream());
        var chainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        chainPolicy.CustomTrustStore.Add(PemFiles.Certificates(server.CaChainPem)[^1]);

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = protocol,
            CertificateChainPolicy = chainPolicy,
        });

        Assert.Equal(protocol, tls.SslProtocol);
        using var serverCertificate = new X509Certificate2(tls.RemoteCertificate!);
        var names = serverCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains(IPAddress.IPv6Loopback, names.EnumerateIPAddresses());
    }

    [Fact]
    public async Task GetCa_AuthorityThrows_Answers500WithEmptyBodyAndLogsEvent2002()
    {
        await using var server = await RunningServer.StartAsync(services =>
            services.Replace(ServiceDescriptor.Singleton<ICertificateAuthority>(new BrokenDescribeAuthority())));

        using var response = await server.Client.GetAsync("ca");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(server.Log.Entries, entry => entry.EventId == 2002 && entry.Message.Contains("GET /ca", StringComparison.Ordinal));
    }

    /// <summary>The 500 fault again (the one permitted double): the CA cannot even describe itself.</summary>
    private sealed class BrokenDescribeAuthority : ICertificateAuthority
    {
        public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("simulated CA outage");

        public Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("simulated CA outage");
    }
}
