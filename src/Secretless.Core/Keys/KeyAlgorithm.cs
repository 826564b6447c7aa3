namespace Secretless.Core.Keys;

/// <summary>The key algorithms a device may hold. Anything else is refused.</summary>
public enum KeyAlgorithm
{
    EcdsaP256 = 1,
    EcdsaP384 = 2,
    Rsa = 3,
}
