using Secretless.Core.Devices;

namespace Secretless.Core.Manifest;

/// <summary>
/// The valid entries of a manifest and the errors of its bad lines. Callers import nothing
/// when <see cref="Errors"/> is not empty (all or nothing).
/// </summary>
public sealed record ManifestReadResult(IReadOnlyList<DeviceImportEntry> Entries, IReadOnlyList<ManifestLineError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
