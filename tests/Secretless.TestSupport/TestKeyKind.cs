namespace Secretless.TestSupport;

/// <summary>Private key kinds a test device can hold (allowed and refused ones).</summary>
public enum TestKeyKind
{
    EcP256,
    EcP384,
    EcP521,
    Rsa1024,
    Rsa2048,
    Ed25519,
}
