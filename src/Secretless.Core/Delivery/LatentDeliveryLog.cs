using Microsoft.Extensions.Logging;

namespace Secretless.Core.Delivery;

/// <summary>Latent-delivery log events (ids 1100–1119): device ids and codes only, never a payload.</summary>
internal static partial class LatentDeliveryLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Device {DeviceId} asked for a payload URL; the certificate is stored and the URL answered")]
    public static partial void AnsweredWithUrl(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Issuance for device {DeviceId} outlasted the {DeadlineSeconds} s deadline; answered a payload URL and kept issuing")]
    public static partial void DeadlinePassed(ILogger logger, string deviceId, double deadlineSeconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Stored the payload of certificate {CertificateId} for device {DeviceId} after a deadline")]
    public static partial void BackgroundStored(ILogger logger, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Background issuance for device {DeviceId} was refused with {Status} {Code}; no payload stored")]
    public static partial void BackgroundRefused(ILogger logger, string deviceId, int status, string code);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error,
        Message = "Background issuance or payload store for device {DeviceId} failed; the device's retry of its CSR resumes it")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception, string deviceId);
}
