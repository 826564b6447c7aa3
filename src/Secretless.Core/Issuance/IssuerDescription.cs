namespace Secretless.Core.Issuance;

/// <summary>
/// The issuing CA as devices see it. <see cref="ChainDer"/> runs from the issuing CA up to and
/// including the root.
/// </summary>
public sealed record IssuerDescription(
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<byte[]> ChainDer);
