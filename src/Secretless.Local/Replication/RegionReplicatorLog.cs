using Microsoft.Extensions.Logging;
using Secretless.Core.Registry;

namespace Secretless.Local.Replication;

/// <summary>The replicator's log messages; event ids 3060–3079 are reserved for replication.</summary>
internal static partial class RegionReplicatorLog
{
    [LoggerMessage(EventId = 3060, Level = LogLevel.Information,
        Message = "Replicating the registries of regions {Regions} (delay {Delay})")]
    public static partial void Started(ILogger logger, string regions, TimeSpan delay);

    [LoggerMessage(EventId = 3061, Level = LogLevel.Debug,
        Message = "Replicated certificate {CertificateId} ({Status}) from {Source} to {Target}")]
    public static partial void Applied(ILogger logger, string certificateId, CertificateStatus status, string source, string target);

    [LoggerMessage(EventId = 3062, Level = LogLevel.Warning,
        Message = "Certificate {CertificateId} is in the feed of {Source} but no longer in its registry; skipped for {Target}")]
    public static partial void SourceCertificateMissing(ILogger logger, string certificateId, string source, string target);

    [LoggerMessage(EventId = 3063, Level = LogLevel.Warning,
        Message = "Replication from {Source} to {Target} failed; retrying at the next poll")]
    public static partial void PollFailed(ILogger logger, string source, string target, Exception exception);

    [LoggerMessage(EventId = 3064, Level = LogLevel.Information, Message = "Region replication stopped")]
    public static partial void Stopped(ILogger logger);
}
