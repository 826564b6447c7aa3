using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Local;
using Secretless.Local.Pki;

namespace Secretless.Server.Hosting;

/// <summary>
/// The server's TLS certificate and the issuers sent with it, plus the CA chain file devices are
/// pointed to. By default issued by the local CA for every name a client may use to reach us; with
/// the PKI registered in the host it follows the active issuing CA (read per handshake), so
/// <c>ca rotate</c> needs no restart and nothing keeps chaining to a CA that is later revoked.
/// </summary>
internal sealed class ServerTlsIdentity
{
    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2Collection _chain;
    private readonly LocalPki? _followedPki;
    private readonly IReadOnlyCollection<string> _dnsNames = [];
    private readonly IReadOnlyCollection<IPAddress> _addresses = [];

    private ServerTlsIdentity(X509Certificate2 certificate, X509Certificate2Collection chain, string? caChainPath)
    {
        _certificate = certificate;
        _chain = chain;
        CaChainPath = caChainPath;
    }

    private ServerTlsIdentity(LocalPki pki, IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses)
    {
        _followedPki = pki;
        _dnsNames = dnsNames;
        _addresses = addresses;
        _chain = [];
        CaChainPath = pki.ChainPemPath;
    }

    /// <summary>The certificate to present now (with the local PKI: from the active issuing CA).</summary>
    public X509Certificate2 Certificate => _followedPki is { } pki ? pki.GetServerCertificate(_dnsNames, _addresses).Certificate : _certificate!;

    /// <summary>The issuers sent with <see cref="Certificate"/>.</summary>
    public X509Certificate2Collection Chain => _followedPki is { } pki ? pki.GetServerCertificate(_dnsNames, _addresses).Chain : _chain;

    /// <summary>True when the certificate follows a registered local PKI (Kestrel then asks per handshake).</summary>
    public bool FollowsLocalPki => _followedPki is not null;

    public string? CaChainPath { get; }

    /// <summary>The handshake options for one connection: the current certificate with its issuing CA.</summary>
    public SslServerAuthenticationOptions CreateAuthenticationOptions() => new()
    {
        ServerCertificateContext = _followedPki is { } pki
            ? pki.GetServerCertificate(_dnsNames, _addresses).Context
            : SslStreamCertificateContext.Create(_certificate!, _chain, offline: true),
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
    };

    /// <summary>The CA chain file devices need, without creating a certificate (for plain-HTTP servers).</summary>
    public static string? FindCaChainPath(SecretlessServerOptions options, IServiceProvider services)
    {
        if (services.GetService<LocalPki>() is { } pki)
        {
            return pki.ChainPemPath;
        }

        if (options.DataDirectory is { } path && new SecretlessDataDirectory(path) is var dataDirectory && LocalPki.Exists(dataDirectory))
        {
            using var opened = LocalPki.Open(dataDirectory);
            return opened.ChainPemPath;
        }

        return null;
    }

    public static ServerTlsIdentity Create(SecretlessServerOptions options, IReadOnlyList<ServerUrl> urls, IServiceProvider services)
    {
        if (options.ServerCertificate is { } configured)
        {
            return new ServerTlsIdentity(configured, options.ServerCertificateChain ?? [], FindCaChainPath(options, services));
        }

        var registered = services.GetService<LocalPki>();
        if (registered is not null)
        {
            var (followedNames, followedAddresses) = SubjectAlternativeNames(urls);
            var identity = new ServerTlsIdentity(registered, followedNames.ToArray(), followedAddresses.ToArray());
            _ = identity.Certificate; // issue now: a broken PKI fails the start, not the first handshake
            return identity;
        }

        var pki = OpenFromDataDirectory(options);
        try
        {
            var (dnsNames, addresses) = SubjectAlternativeNames(urls);
            var certificate = pki.IssueServerCertificate(dnsNames, addresses);
            var chain = new X509Certificate2Collection();
            foreach (var der in pki.Describe().ChainDer)
            {
                chain.Add(X509CertificateLoader.LoadCertificate(der));
            }

            return new ServerTlsIdentity(certificate, chain, pki.ChainPemPath);
        }
        finally
        {
            pki.Dispose();
        }
    }

    /// <summary>
    /// localhost, the loopback addresses, the machine's host name and every host named in a
    /// listen URL — so <c>curl --cacert chain.pem https://&lt;any of them&gt;</c> verifies.
    /// </summary>
    internal static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) SubjectAlternativeNames(IReadOnlyList<ServerUrl> urls)
    {
        var dnsNames = new List<string> { "localhost" };
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        var hostName = Dns.GetHostName();
        if (!string.IsNullOrWhiteSpace(hostName))
        {
            dnsNames.Add(hostName);
        }

        foreach (var url in urls)
        {
            if (url.Address is { } address)
            {
                if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
                {
                    addresses.Add(address);
                }
            }
            else if (url.Host is not ("*" or "+"))
            {
                dnsNames.Add(url.Host);
            }
        }

        return (dnsNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), addresses.Distinct().ToList());
    }

    private static LocalPki OpenFromDataDirectory(SecretlessServerOptions options)
    {
        if (options.DataDirectory is null)
        {
            throw new InvalidOperationException(
                "SL2005: An https:// URL needs a TLS certificate: set SecretlessServerOptions.DataDirectory (local CA), "
                + "register the local backends, or set ServerCertificate.");
        }

        return LocalPki.Open(new SecretlessDataDirectory(options.DataDirectory));
    }
}
