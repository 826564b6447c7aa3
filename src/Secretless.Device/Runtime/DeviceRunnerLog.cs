using Microsoft.Extensions.Logging;

namespace Secretless.Device.Runtime;

/// <summary>The device runner's log lines (ids 6100–6129). Never the key or the CSR.</summary>
internal static partial class DeviceRunnerLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Device {DeviceId}: certificate {CertificateId} provisioned ({Reason}), valid until {NotAfter:o}")]
    public static partial void Provisioned(ILogger logger, string deviceId, string certificateId, string reason, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Device {DeviceId}: connected to {Endpoint} with certificate {CertificateId}")]
    public static partial void Connected(ILogger logger, string deviceId, string endpoint, string certificateId);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Device {DeviceId}: disconnected ({Reason})")]
    public static partial void Disconnected(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Device {DeviceId}: refused at {Stage} ({Reason}); next attempt in {RetryInSeconds} s")]
    public static partial void Refused(ILogger logger, string deviceId, string stage, string reason, double retryInSeconds);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Device {DeviceId}: {Message}")]
    public static partial void TransientFailure(ILogger logger, string deviceId, string message);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Device {DeviceId}: the service refused provisioning for good: {Message}")]
    public static partial void ProvisioningRefused(ILogger logger, string deviceId, string message);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Device {DeviceId}: using the stored certificate {CertificateId}, valid until {NotAfter:o}")]
    public static partial void UsingStoredCertificate(ILogger logger, string deviceId, string certificateId, DateTimeOffset notAfter);
}
