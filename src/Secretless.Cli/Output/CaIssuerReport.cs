using System.Text.Json.Serialization;

namespace Secretless.Cli.Output;

/// <summary>One issuing CA in <c>ca list --json</c>; <c>revokedAt</c> is always present (null while not revoked).</summary>
public sealed record CaIssuerReport(
    string Id,
    string Status,
    string Subject,
    string Serial,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? RevokedAt);
