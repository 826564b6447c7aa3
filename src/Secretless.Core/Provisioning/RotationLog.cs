using Microsoft.Extensions.Logging;
using Secretless.Core.Registry;

namespace Secretless.Core.Provisioning;

/// <summary>
/// Certificate rotation and replay log events (ids 1200–1219): certificate ids, thing names and
/// statuses only, never a certificate or a CSR.
/// </summary>
internal static partial class RotationLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "Retired certificate {CertificateId} of thing {ThingName} (REVOKED): superseded by certificate {SupersededByCertificateId} registered at {SupersededAt:o}")]
    public static partial void Retired(ILogger logger, string thingName, string certificateId, string supersededByCertificateId, DateTimeOffset supersededAt);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Could not retire the superseded certificates of thing {ThingName}; they are retried at its next provisioning (or by the sweep)")]
    public static partial void RetireFailed(ILogger logger, Exception exception, string thingName);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "Certificate {CertificateId} of device {DeviceId} for this CSR is {Status}; reopened the issuance to issue a new certificate")]
    public static partial void Reopened(ILogger logger, string deviceId, string certificateId, CertificateStatus status);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "Certificate {CertificateId} of device {DeviceId} for this CSR is {Status}; another request reopened or re-issued it first")]
    public static partial void ReopenLost(ILogger logger, string deviceId, string certificateId, CertificateStatus status);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information,
        Message = "Registered certificate {CertificateId} of device {DeviceId} in this registry for a repeated CSR (issued elsewhere, e.g. in another region)")]
    public static partial void RegisteredForReplay(ILogger logger, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information,
        Message = "Superseded-certificate sweep retired {Retired} certificate(s), {Failed} failed")]
    public static partial void SweepFinished(ILogger logger, int retired, int failed);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning,
        Message = "Could not retire certificate {CertificateId} of thing {ThingName}; the next sweep tries again")]
    public static partial void SweepRetireFailed(ILogger logger, Exception exception, string thingName, string certificateId);
}
