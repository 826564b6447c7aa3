namespace Secretless.Core.Devices;

/// <summary>
/// Outcome of an import. When <see cref="Conflicts"/> is not empty nothing was stored.
/// </summary>
public sealed record DeviceImportResult(
    int Inserted,
    int Unchanged,
    int Replaced,
    IReadOnlyList<DeviceImportConflict> Conflicts)
{
    public bool Committed => Conflicts.Count == 0;
}
