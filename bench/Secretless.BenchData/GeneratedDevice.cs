namespace Secretless.BenchData;

/// <summary>One device's lines: the manifest line, and for devices with a CSR its header value and cfssl body.</summary>
internal readonly record struct GeneratedDevice(string ManifestLine, string? CsrHeader, string? CfsslBody);
