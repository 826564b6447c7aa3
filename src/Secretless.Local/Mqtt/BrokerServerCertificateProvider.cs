using System.Net;
using System.Net.Security;
using Secretless.Local.Pki;

namespace Secretless.Local.Mqtt;

/// <summary>
/// The broker's TLS certificate with its issuing CA, asked for at every accepted connection: it
/// comes from the PKI's active issuing CA, so after <c>ca rotate</c> new sessions get a certificate
/// from the new CA and nothing chains to a CA that is later revoked.
/// </summary>
internal sealed class BrokerServerCertificateProvider
{
    private readonly LocalPki _pki;
    private readonly string[] _dnsNames;
    private readonly IPAddress[] _addresses;

    public BrokerServerCertificateProvider(LocalPki pki, string[] dnsNames, IPAddress[] addresses)
    {
        _pki = pki;
        _dnsNames = dnsNames;
        _addresses = addresses;

        // Issue (or load) now, so a broken PKI fails the start rather than the first handshake.
        _ = GetContext();
    }

    /// <summary>The certificate and its issuing CA as one handshake sends them.</summary>
    public SslStreamCertificateContext GetContext() => _pki.GetServerCertificate(_dnsNames, _addresses).Context;
}
