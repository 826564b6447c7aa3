using System.Text.Json.Serialization;

namespace Secretless.Cli.Output;

/// <summary>Source-generated JSON for everything the CLI prints with <c>--json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PkiInitReport))]
[JsonSerializable(typeof(DeviceReport))]
[JsonSerializable(typeof(DeviceListReport))]
[JsonSerializable(typeof(ImportReport))]
[JsonSerializable(typeof(KeygenReport))]
[JsonSerializable(typeof(ProvisionReport))]
[JsonSerializable(typeof(DemoReport))]
[JsonSerializable(typeof(ServeReport))]
[JsonSerializable(typeof(ThingListReport))]
[JsonSerializable(typeof(ThingReport))]
[JsonSerializable(typeof(PolicyListReport))]
[JsonSerializable(typeof(PolicyReport))]
[JsonSerializable(typeof(CertificateListReport))]
[JsonSerializable(typeof(CertificateReport))]
[JsonSerializable(typeof(CertificateStatusReport))]
[JsonSerializable(typeof(DeviceConnectReport))]
[JsonSerializable(typeof(Fleet.FleetReport))]
[JsonSerializable(typeof(CaListReport))]
[JsonSerializable(typeof(CaRotateReport))]
[JsonSerializable(typeof(CaRevokeReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
