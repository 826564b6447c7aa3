using System.Text.Json.Serialization;

namespace Secretless.Cli.Output;

/// <summary>Source-generated JSON for the ACM PCA branch of <c>ca rotate|revoke --json</c> (same options as <see cref="CliJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CaAwsRotateReport))]
[JsonSerializable(typeof(CaAwsRevokeReport))]
internal sealed partial class CaAwsJsonContext : JsonSerializerContext;
