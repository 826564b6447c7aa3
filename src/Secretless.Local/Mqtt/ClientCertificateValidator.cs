using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Secretless.Local.Pki;
using Secretless.Local.Registry;

namespace Secretless.Local.Mqtt;

/// <summary>
/// The TLS handshake's client-certificate check: the certificate must chain to the local root
/// (custom root trust, never the system store) through an issuing CA of the local PKI that is not
/// revoked — read from the PKI at every handshake, so <c>ca revoke</c> takes effect at once — be within
/// its validity at the injected time, and carry the clientAuth extended key usage. Registration
/// and status are checked later, on CONNECT, where MQTT can say why.
/// </summary>
internal sealed class ClientCertificateValidator
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private readonly LocalPki _pki;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ClientCertificateValidator(LocalPki pki, TimeProvider timeProvider, ILogger logger)
    {
        _pki = pki;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>; never throws.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors sslPolicyErrors)
    {
        try
        {
            if (certificate is null)
            {
                LocalMqttBrokerLog.TlsCertificateMissing(_logger);
                return false;
            }

            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return ChainsToLocalPki(leaf) && IsForClientAuthentication(leaf);
        }
        catch (Exception exception)
        {
            LocalMqttBrokerLog.TlsValidationFailed(_logger, exception);
            return false;
        }
    }

    private bool ChainsToLocalPki(X509Certificate2 leaf)
    {
        var trustedIssuers = _pki.TrustedIssuerCertificates;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_pki.RootCertificate);
        chain.ChainPolicy.ExtraStore.AddRange(trustedIssuers);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        chain.ChainPolicy.VerificationTime = _timeProvider.GetUtcNow().UtcDateTime;
        try
        {
            if (chain.Build(leaf))
            {
                // The platform may find an intermediate elsewhere (a cache, the client's handshake):
                // only a trusted issuing CA of this PKI may sit between the leaf and the root.
                if (chain.ChainElements.Count == 3 && trustedIssuers.Cast<X509Certificate2>().Any(
                        issuer => issuer.RawData.AsSpan().SequenceEqual(chain.ChainElements[1].Certificate.RawData)))
                {
                    return true;
                }

                LocalMqttBrokerLog.TlsCertificateUntrusted(_logger, IdOf(leaf), leaf.Subject, $"issuing CA '{leaf.Issuer}' is revoked or not part of the local PKI");
                return false;
            }

            var problems = chain.ChainStatus.Select(status => $"{status.Status}: {status.StatusInformation.Trim()}").Distinct();
            LocalMqttBrokerLog.TlsCertificateUntrusted(_logger, IdOf(leaf), leaf.Subject, string.Join("; ", problems));
            return false;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private bool IsForClientAuthentication(X509Certificate2 leaf)
    {
        // A certificate without any EKU passes the chain's application policy; require it explicitly.
        var usages = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault();
        if (usages is not null && usages.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == ClientAuthentication.Value))
        {
            return true;
        }

        LocalMqttBrokerLog.TlsCertificateNotForClientAuth(_logger, IdOf(leaf), leaf.Subject);
        return false;
    }

    private static string IdOf(X509Certificate2 certificate) => SqliteThingRegistry.CertificateIdOf(certificate.RawData);
}
