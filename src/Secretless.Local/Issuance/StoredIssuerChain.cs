using System.Security.Cryptography;
using Secretless.Local.Storage;

namespace Secretless.Local.Issuance;

/// <summary>
/// An issuing CA's chain as the ledger stores it: once in <c>issuer_chains</c>, named by the
/// SHA-256 of its joined DER, and referenced from every record it issued (schema version 4).
/// </summary>
internal sealed record StoredIssuerChain(string Sha256Hex, byte[] Der)
{
    public static StoredIssuerChain From(IReadOnlyList<byte[]> chainDer)
    {
        var der = ConcatenatedDer.Join(chainDer);
        return new StoredIssuerChain(Convert.ToHexStringLower(SHA256.HashData(der)), der);
    }

    /// <summary>Inserts the chain unless it is stored already (the same few chains every time).</summary>
    public void Write(SqliteWriteContext context)
        => context.Execute(
            "INSERT INTO issuer_chains (chain_sha256, chain_der) VALUES ($chainId, $chainDer) ON CONFLICT (chain_sha256) DO NOTHING;",
            ("$chainId", Sha256Hex),
            ("$chainDer", Der));
}
