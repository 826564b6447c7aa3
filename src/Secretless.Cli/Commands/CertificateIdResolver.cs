using Secretless.Cli.Infrastructure;
using Secretless.Local.Registry;

namespace Secretless.Cli.Commands;

/// <summary>
/// Resolves a certificate id as typed: the full 64-character id, or a unique prefix of at least
/// 8 hex characters (what <c>demo</c> and humans show), never a guess between two certificates.
/// </summary>
internal static class CertificateIdResolver
{
    public const int MinimumPrefixLength = 8;

    public static async Task<RegisteredCertificate> ResolveAsync(SqliteThingRegistry registry, string typed, CancellationToken cancellationToken)
    {
        var id = typed.Trim().ToLowerInvariant();
        if (id.Length < MinimumPrefixLength || id.Length > 64 || !id.All(char.IsAsciiHexDigit))
        {
            throw new CliException(
                ExitCodes.UsageError,
                $"'{typed}' is not a certificate id: give the 64 hex characters (or a unique prefix of at least {MinimumPrefixLength}) that 'certs list' shows.");
        }

        if (id.Length < 64)
        {
            // Ids greater than the prefix start with it first; two of them mean the prefix is ambiguous.
            var candidates = (await registry.ListCertificatesAsync(id, 2, cancellationToken))
                .Where(c => c.CertificateId.StartsWith(id, StringComparison.Ordinal))
                .ToList();
            if (candidates.Count > 1)
            {
                throw new CliException(ExitCodes.UsageError, $"certificate id prefix '{typed}' matches more than one certificate; give more characters.");
            }

            id = candidates.Count == 1 ? candidates[0].CertificateId : id;
        }

        return await registry.GetCertificateAsync(id, cancellationToken)
            ?? throw new CliException(ExitCodes.NotFound, $"certificate '{typed}' is not registered.");
    }
}
