using System.Text.Json;

namespace Secretless.Cli.Output;

/// <summary>
/// <c>policies show|put --json</c>: the policy with its AWS IoT policy document (as JSON, not a
/// string). <see cref="Outcome"/> is set by <c>put</c>: created, updated or unchanged.
/// </summary>
public sealed record PolicyReport(
    string Name,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement Document,
    string? Outcome);
