using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device.Mqtt;

/// <summary>
/// Checks the endpoint's TLS certificate against the device's own trust anchors only (like
/// <c>mosquitto_pub --cafile</c>): the chain must end in a self-signed certificate of the given
/// PEM, and the host name must match. Remembers whether it accepted, so a later failure can be
/// told apart: the endpoint refusing the device, not the device refusing the endpoint.
/// </summary>
internal sealed class DeviceMqttServerTrust
{
    private readonly X509Certificate2Collection _anchors = [];
    private readonly X509Certificate2Collection _intermediates = [];

    public DeviceMqttServerTrust(string trustedCaPem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(trustedCaPem);
        foreach (var certificate in certificates)
        {
            var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
            (selfSigned ? _anchors : _intermediates).Add(certificate);
        }

        if (_anchors.Count == 0)
        {
            throw new ArgumentException("The trusted CA PEM holds no self-signed (root) certificate.", nameof(trustedCaPem));
        }
    }

    /// <summary>Set once the endpoint's certificate passed; read after the connection attempt.</summary>
    public bool ServerAccepted { get; private set; }

    /// <summary>Why the endpoint's certificate was rejected, for the error message.</summary>
    public string? Rejection { get; private set; }

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            Rejection = "the endpoint sent no certificate";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Rejection = $"the endpoint's certificate ({certificate.Subject}) is not valid for this host name";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.ExtraStore.AddRange(_intermediates);
        // The certificate belongs to the TLS stream: copy it rather than dispose it.
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (!chain.Build(server))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            Rejection = $"the endpoint's certificate does not chain to the trusted CA ({status})";
            return false;
        }

        ServerAccepted = true;
        return true;
    }
}
