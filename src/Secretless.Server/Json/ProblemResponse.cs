namespace Secretless.Server.Json;

/// <summary>An RFC 9457 problem with the stable <c>code</c> devices branch on.</summary>
internal sealed record ProblemResponse(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Code);
