using System.Security.Cryptography;
using Secretless.Core.Keys;

namespace Secretless.Core.Csr;

/// <summary>An allowed CSR signature scheme: the key family, the hash, and for RSA the padding.</summary>
internal sealed record SignatureScheme(bool IsEcdsa, HashAlgorithmName Hash, RSASignaturePadding? Padding)
{
    public bool Fits(KeyAlgorithm key) => IsEcdsa ? key is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 : key == KeyAlgorithm.Rsa;
}
