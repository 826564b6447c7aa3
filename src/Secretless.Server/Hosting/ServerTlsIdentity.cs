using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Local;
using Secretless.Local.Pki;

namespace Secretless.Server.Hosting;

/// <summary>
/// The server's TLS certificate and the issuers sent with it, plus the CA chain file devices are
/// pointed to. By default issued by the local CA for every name a client may use to reach us.
/// </summary>
internal sealed class ServerTlsIdentity
{
    private ServerTlsIdentity(X509Certificate2 certificate, X509Certificate2Collection chain, string? caChainPath)
    {
        Certificate = certificate;
        Chain = chain;
        CaChainPath = caChainPath;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Chain { get; }

    public string? CaChainPath { get; }

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
        var pki = registered ?? OpenFromDataDirectory(options);
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
            if (registered is null)
            {
                pki.Dispose();
            }
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
