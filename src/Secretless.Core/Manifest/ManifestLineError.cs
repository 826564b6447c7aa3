namespace Secretless.Core.Manifest;

/// <summary>A manifest line that cannot be imported, with its 1-based line number.</summary>
public sealed record ManifestLineError(int LineNumber, string Message)
{
    public override string ToString() => $"line {LineNumber}: {Message}";
}
