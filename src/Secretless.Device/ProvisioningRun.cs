namespace Secretless.Device;

/// <summary>The bookkeeping of one provisioning run: when it began and how many exchanges it took.</summary>
internal sealed class ProvisioningRun(string deviceId, long startedTimestamp)
{
    public string DeviceId { get; } = deviceId;

    public long StartedTimestamp { get; } = startedTimestamp;

    public int Attempts { get; set; }

    public int Retries { get; set; }

    public bool DeliveredByUrl { get; set; }
}
