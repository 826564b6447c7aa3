namespace Secretless.Device.Json;

/// <summary>The problem+json body of a refusal.</summary>
internal sealed record ProblemResponseBody(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Code);
