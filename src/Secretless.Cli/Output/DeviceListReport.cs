namespace Secretless.Cli.Output;

/// <summary><c>devices list --json</c>: the total count and the first page of devices by id.</summary>
public sealed record DeviceListReport(long Total, IReadOnlyList<DeviceReport> Devices);
