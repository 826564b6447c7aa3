namespace Secretless.Core.Devices;

/// <summary>A manifest line whose device is already registered with a different key.</summary>
public sealed record DeviceImportConflict(int LineNumber, string DeviceId);
