using Microsoft.Extensions.Logging;

namespace Secretless.Local.Hosting;

/// <summary>Log messages of <see cref="LocalPkiWatcher"/> (PKI/CA range 3040–3059).</summary>
internal static partial class LocalPkiWatcherLog
{
    [LoggerMessage(EventId = 3040, Level = LogLevel.Information,
        Message = "Local PKI reloaded: active issuing CA {PreviousIssuerId} -> {ActiveIssuerId}; revoked: [{RevokedIssuerIds}]")]
    public static partial void Reloaded(ILogger logger, string previousIssuerId, string activeIssuerId, string revokedIssuerIds);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning, Message = "Local PKI reload failed; the current CA stays in use and the next poll retries")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);
}
