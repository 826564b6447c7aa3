using Microsoft.Extensions.Logging;

namespace Secretless.Device;

/// <summary>The device client's log lines (ids 4100–4199). Never the key or the CSR.</summary>
internal static partial class DeviceProvisioningLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Device {DeviceId}: {Step} failed ({Reason}); retry {Retry} in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(ILogger logger, string deviceId, ProvisioningStep step, string reason, int retry, long delayMilliseconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Device {DeviceId}: gave up at {Step} after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, string deviceId, ProvisioningStep step, int attempts);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Device {DeviceId}: certificate {CertificateId} provisioned after {Attempts} attempts")]
    public static partial void Provisioned(ILogger logger, string deviceId, string certificateId, int attempts);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Device {DeviceId}: using the stored certificate {CertificateId}, valid until {NotAfter:o}")]
    public static partial void UsingStoredCertificate(ILogger logger, string deviceId, string certificateId, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Device {DeviceId}: the certificate URL expired before the certificate was fetched; asking again with the same CSR")]
    public static partial void CertificateUrlExpired(ILogger logger, string deviceId);
}
