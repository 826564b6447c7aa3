using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device;

/// <summary>
/// What a device checks before it stores a certificate: it chains (without revocation lookup)
/// to the CA the device trusts, it is for client authentication, its public key is the device's
/// own key, and its only CN is the device id.
/// </summary>
public static class IssuedCertificateVerifier
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private const string CommonNameOid = "2.5.4.3";

    /// <param name="certificatePem">The issued leaf.</param>
    /// <param name="certificateChainPem">The issuers the service returned with it.</param>
    /// <param name="caChainPem">The chain <c>GET /ca</c> served.</param>
    /// <param name="trustAnchorPem">
    /// Roots the device already trusts; when null, the self-signed certificates of
    /// <paramref name="caChainPem"/> are the trust anchors.
    /// </param>
    /// <exception cref="CertificateVerificationException">Any check fails.</exception>
    public static void Verify(
        string certificatePem,
        string certificateChainPem,
        string caChainPem,
        string? trustAnchorPem,
        string deviceId,
        AsymmetricAlgorithm devicePrivateKey,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(devicePrivateKey);
        using var leaf = LoadLeaf(certificatePem);
        var caCertificates = LoadAll(caChainPem, "the CA chain from /ca");
        var returnedIssuers = LoadAll(certificateChainPem, "the returned certificate chain");
        var anchors = trustAnchorPem is null ? null : LoadAll(trustAnchorPem, "the trust anchor");
        try
        {
            VerifyChain(leaf, caCertificates, returnedIssuers, anchors, now);
            VerifyPublicKey(leaf, devicePrivateKey);
            VerifyCommonName(leaf, deviceId);
        }
        finally
        {
            DisposeAll(caCertificates);
            DisposeAll(returnedIssuers);
            if (anchors is not null)
            {
                DisposeAll(anchors);
            }
        }
    }

    private static void VerifyChain(
        X509Certificate2 leaf,
        X509Certificate2Collection caCertificates,
        X509Certificate2Collection returnedIssuers,
        X509Certificate2Collection? anchors,
        DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));

        if (anchors is not null)
        {
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
            chain.ChainPolicy.ExtraStore.AddRange(caCertificates);
        }
        else
        {
            foreach (var certificate in caCertificates)
            {
                var store = IsSelfSigned(certificate) ? chain.ChainPolicy.CustomTrustStore : chain.ChainPolicy.ExtraStore;
                store.Add(certificate);
            }

            if (chain.ChainPolicy.CustomTrustStore.Count == 0)
            {
                throw new CertificateVerificationException("The CA chain from /ca contains no root certificate.");
            }
        }

        chain.ChainPolicy.ExtraStore.AddRange(returnedIssuers);
        if (!chain.Build(leaf))
        {
            var problems = string.Join(
                "; ",
                chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Where(text => text.Length > 0).Distinct());
            throw new CertificateVerificationException(
                $"The issued certificate does not chain to the trusted CA: {(problems.Length == 0 ? "unknown reason" : problems)}.");
        }
    }

    private static void VerifyPublicKey(X509Certificate2 leaf, AsymmetricAlgorithm devicePrivateKey)
    {
        var matches = devicePrivateKey switch
        {
            ECDsa deviceKey => leaf.GetECDsaPublicKey() is { } certificateKey && SameEcKey(deviceKey, certificateKey),
            RSA deviceKey => leaf.GetRSAPublicKey() is { } certificateKey && SameRsaKey(deviceKey, certificateKey),
            _ => false,
        };
        if (!matches)
        {
            throw new CertificateVerificationException(
                "The issued certificate is for another public key than this device's own key.");
        }
    }

    private static bool SameEcKey(ECDsa deviceKey, ECDsa certificateKey)
    {
        using (certificateKey)
        {
            var device = deviceKey.ExportParameters(includePrivateParameters: false);
            var issued = certificateKey.ExportParameters(includePrivateParameters: false);
            return device.Curve.Oid.Value == issued.Curve.Oid.Value
                && device.Q.X.AsSpan().SequenceEqual(issued.Q.X)
                && device.Q.Y.AsSpan().SequenceEqual(issued.Q.Y);
        }
    }

    private static bool SameRsaKey(RSA deviceKey, RSA certificateKey)
    {
        using (certificateKey)
        {
            var device = deviceKey.ExportParameters(includePrivateParameters: false);
            var issued = certificateKey.ExportParameters(includePrivateParameters: false);
            return device.Modulus.AsSpan().SequenceEqual(issued.Modulus)
                && device.Exponent.AsSpan().SequenceEqual(issued.Exponent);
        }
    }

    private static void VerifyCommonName(X509Certificate2 leaf, string deviceId)
    {
        var commonNames = leaf.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == CommonNameOid)
            .Select(rdn => rdn.GetSingleElementValue())
            .ToList();
        if (commonNames.Count != 1 || commonNames[0] != deviceId)
        {
            throw new CertificateVerificationException(
                $"The issued certificate's subject '{leaf.Subject}' does not name this device '{deviceId}' as its only CN.");
        }
    }

    private static X509Certificate2 LoadLeaf(string certificatePem)
    {
        var all = LoadAll(certificatePem, "the issued certificate");
        if (all.Count != 1)
        {
            DisposeAll(all);
            throw new CertificateVerificationException(
                $"Expected exactly one issued certificate, found {all.Count}.");
        }

        return all[0];
    }

    private static X509Certificate2Collection LoadAll(string pem, string what)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            DisposeAll(collection);
            throw new CertificateVerificationException($"Cannot read {what}: {exception.Message}", exception);
        }

        if (collection.Count == 0)
        {
            throw new CertificateVerificationException($"{what} contains no certificate.");
        }

        return collection;
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
