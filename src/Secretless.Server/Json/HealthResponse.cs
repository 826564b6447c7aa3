namespace Secretless.Server.Json;

/// <summary>Body of the health routes: overall status and, for readiness, each check's result.</summary>
internal sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string>? Checks);
