using System.Security.Cryptography;
using Secretless.Local.Storage;

namespace Secretless.Local.Issuance;

/// <summary>
/// An issuing CA's chain as the ledger stores it: once in <c>issuer_chains</c>, named by the
/// SHA-256 of its joined DER, and referenced from every record it issued (schema version 4).
/// </summary>
internal sealed record StoredIssuerChain(string Sha256Hex, byte[] Der)
{
    // Nearly every issuance carries the same chain as the one before: comparing it with the last
    // one (about a kilobyte) replaces joining and hashing it again for every provisioning.
    private static StoredIssuerChain? _last;

    public static StoredIssuerChain From(IReadOnlyList<byte[]> chainDer)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && IsJoinedIn(chainDer, last.Der))
        {
            return last;
        }

        var der = ConcatenatedDer.Join(chainDer);
        var chain = new StoredIssuerChain(Convert.ToHexStringLower(SHA256.HashData(der)), der);
        Volatile.Write(ref _last, chain);
        return chain;
    }

    /// <summary>Inserts the chain unless it is stored already (the same few chains every time).</summary>
    public void Write(SqliteWriteContext context)
        => context.Execute(
            "INSERT INTO issuer_chains (chain_sha256, chain_der) VALUES ($chainId, $chainDer) ON CONFLICT (chain_sha256) DO NOTHING;",
            ("$chainId", Sha256Hex),
            ("$chainDer", Der));

    private static bool IsJoinedIn(IReadOnlyList<byte[]> certificates, ReadOnlySpan<byte> joined)
    {
        foreach (var der in certificates)
        {
            if (!joined.StartsWith(der))
            {
                return false;
            }

            joined = joined[der.Length..];
        }

        return joined.IsEmpty;
    }
}
