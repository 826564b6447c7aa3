using System.Security.Cryptography;

namespace Secretless.Device;

/// <summary>
/// The device's key storage as a file: a simulated secure element. The private key is written
/// once, owner-readable only (0600), and never leaves the device; only CSRs and the public key do.
/// </summary>
public static class DeviceKeyStore
{
    /// <summary>Owner read/write only.</summary>
    public const UnixFileMode PrivateKeyFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Loads an EC or RSA private key from PEM text: PKCS#8 ("PRIVATE KEY"), SEC1
    /// ("EC PRIVATE KEY", as <c>openssl ecparam -genkey</c> writes it, with or without the
    /// "EC PARAMETERS" block) or PKCS#1 ("RSA PRIVATE KEY").
    /// </summary>
    /// <exception cref="InvalidDataException">No supported, unencrypted private key in the text.</exception>
    public static AsymmetricAlgorithm LoadPrivateKeyPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var remaining = pem.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label].ToString();
            var base64 = remaining[fields.Base64Data].ToString();
            remaining = remaining[fields.Location.End..];
            var key = TryImport(label, base64);
            if (key is not null)
            {
                return key;
            }
        }

        throw new InvalidDataException(
            "No private key found: expected a PEM block labelled PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY.");
    }

    /// <summary>Loads the private key file; see <see cref="LoadPrivateKeyPem"/>.</summary>
    public static async Task<AsymmetricAlgorithm> LoadPrivateKeyAsync(string path, CancellationToken cancellationToken)
    {
        var pem = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            return LoadPrivateKeyPem(pem);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Generates an ECDSA P-256 key and writes it as PKCS#8 PEM with mode 0600. An existing
    /// file is never replaced: a device's identity key is made once.
    /// </summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static async Task<ECDsa> GenerateP256Async(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            throw new IOException($"{path} already exists; refusing to replace a device key.");
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            await AtomicFileWriter.WriteAsync(path, key.ExportPkcs8PrivateKeyPem(), PrivateKeyFileMode, cancellationToken);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public key as PEM "PUBLIC KEY" (SPKI), the form a manifest line carries.</summary>
    public static string ExportPublicKeyPem(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PemEncoding.WriteString("PUBLIC KEY", key.ExportSubjectPublicKeyInfo());
    }

    private static AsymmetricAlgorithm? TryImport(string label, string base64)
    {
        if (label == "ENCRYPTED PRIVATE KEY")
        {
            throw new InvalidDataException(
                "The private key is encrypted; a device key file must hold an unencrypted PKCS#8, SEC1 or PKCS#1 key.");
        }

        if (label is not ("PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY"))
        {
            // Other blocks (EC PARAMETERS, certificates) may precede the key.
            return null;
        }

        try
        {
            var der = Convert.FromBase64String(base64);
            return label switch
            {
                "PRIVATE KEY" => ImportPkcs8(der),
                "EC PRIVATE KEY" => ImportEc(ecdsa => ecdsa.ImportECPrivateKey(der, out _)),
                _ => ImportRsa(rsa => rsa.ImportRSAPrivateKey(der, out _)),
            };
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            throw new InvalidDataException($"The {label} block is not a valid key.", exception);
        }
    }

    private static AsymmetricAlgorithm ImportPkcs8(byte[] der)
    {
        // The algorithm is only known after parsing; try EC first (the common device key).
        try
        {
            return ImportEc(ecdsa => ecdsa.ImportPkcs8PrivateKey(der, out _));
        }
        catch (CryptographicException)
        {
            try
            {
                return ImportRsa(rsa => rsa.ImportPkcs8PrivateKey(der, out _));
            }
            catch (CryptographicException exception)
            {
                throw new CryptographicException("The PKCS#8 private key is neither an EC nor an RSA key.", exception);
            }
        }
    }

    private static ECDsa ImportEc(Action<ECDsa> import)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            import(ecdsa);
            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static RSA ImportRsa(Action<RSA> import)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
