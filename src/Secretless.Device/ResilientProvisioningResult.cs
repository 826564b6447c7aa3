namespace Secretless.Device;

/// <summary>
/// A verified certificate and what it took: <see cref="Attempts"/> HTTP exchanges in all,
/// <see cref="Retries"/> of them repeats after a failure, whether it came by the 202
/// certificate URL, and the time from the first request to the verified answer.
/// </summary>
public sealed record ResilientProvisioningResult(
    ProvisioningResult Certificate,
    int Attempts,
    int Retries,
    bool DeliveredByUrl,
    TimeSpan Elapsed);
