using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Secretless.Device.Mqtt;

/// <summary>Turns the files a device holds (certificate PEM, private key PEM) into a TLS client identity.</summary>
public static class DeviceMqttCredentials
{
    /// <summary>
    /// The first certificate of <paramref name="certificatePem"/> (a file may carry the chain after
    /// it) joined with <paramref name="privateKey"/>. Throws <see cref="InvalidDataException"/>
    /// when there is no certificate or the key is not the certificate's key.
    /// </summary>
    public static X509Certificate2 Create(string certificatePem, AsymmetricAlgorithm privateKey)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(privateKey);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(certificatePem);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidDataException($"The certificate PEM is not readable: {exception.Message}", exception);
        }

        if (certificates.Count == 0)
        {
            throw new InvalidDataException("The certificate file holds no PEM certificate.");
        }

        using var leaf = certificates[0];
        try
        {
            return privateKey switch
            {
                ECDsa ecdsa => leaf.CopyWithPrivateKey(ecdsa),
                RSA rsa => leaf.CopyWithPrivateKey(rsa),
                _ => throw new InvalidDataException($"Keys of type {privateKey.GetType().Name} are not supported."),
            };
        }
        catch (ArgumentException exception)
        {
            // CopyWithPrivateKey says "The provided key does not match the public key for this certificate."
            throw new InvalidDataException($"The private key does not belong to certificate {leaf.Subject}: {exception.Message}", exception);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidDataException($"The private key cannot be used with certificate {leaf.Subject}: {exception.Message}", exception);
        }
        finally
        {
            foreach (var extra in certificates.Skip(1))
            {
                extra.Dispose();
            }
        }
    }

    /// <summary>The certificate's subject CN: the device id, and so the thing name and client id.</summary>
    public static string? CommonNameOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrEmpty(name) ? null : name;
    }
}
