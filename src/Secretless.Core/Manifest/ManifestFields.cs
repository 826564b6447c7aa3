namespace Secretless.Core.Manifest;

/// <summary>The two values of one manifest line, or why the line could not be split into them.</summary>
internal readonly record struct ManifestFields(string? DeviceId, string? PublicKey, string? Error, bool IsHeader = false)
{
    public static ManifestFields Failed(string error) => new(null, null, error);

    public static ManifestFields Header() => new(null, null, null, IsHeader: true);
}
