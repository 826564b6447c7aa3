using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Certificates;
using Secretless.Local.Pki;

namespace Secretless.Local.Mqtt;

/// <summary>
/// The broker's TLS certificate, asked for at every accepted connection (MQTTnet calls the provider
/// per client): it comes from the PKI's active issuing CA, so after <c>ca rotate</c> new sessions get
/// a certificate from the new CA and nothing chains to a CA that is later revoked.
/// </summary>
internal sealed class BrokerServerCertificateProvider : ICertificateProvider
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
        _ = GetCertificate();
    }

    public X509Certificate2 GetCertificate() => _pki.GetServerCertificate(_dnsNames, _addresses).Certificate;
}
