using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Local.Pki;

namespace Secretless.Local.Hosting;

/// <summary>
/// Polls <c>pki.json</c> every second so a running server or broker follows <c>ca rotate|revoke</c>
/// made by another process without a restart (new certificates from the new CA, new server
/// certificates, the revoked CA no longer trusted). A stat per second; a reload only on change.
/// </summary>
public sealed class LocalPkiWatcher : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly LocalPki _pki;
    private readonly ILogger<LocalPkiWatcher> _logger;
    private long _lastSeenGeneration;
    private string _lastSeenIssuerId;

    public LocalPkiWatcher(LocalPki pki, ILogger<LocalPkiWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(logger);
        _pki = pki;
        _logger = logger;
        _lastSeenGeneration = pki.Generation;
        _lastSeenIssuerId = pki.ActiveIssuerId;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: this watches a file, and a test clock jumping years
        // ahead must not replay a billion missed ticks.
        try
        {
            while (true)
            {
                await Task.Delay(PollInterval, stoppingToken);
                Refresh();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    /// <summary>One poll; never throws (a half-written file is retried at the next tick).</summary>
    public void Refresh()
    {
        try
        {
            // Issuance refreshes too (LocalPki.Describe): log every generation seen, whoever loaded it.
            var previous = _lastSeenIssuerId;
            _pki.RefreshIfChanged();
            var generation = _pki.Generation;
            var changed = generation != _lastSeenGeneration;
            _lastSeenGeneration = generation;
            _lastSeenIssuerId = _pki.ActiveIssuerId;
            if (changed && _logger.IsEnabled(LogLevel.Information))
            {
                var revoked = string.Join(",", _pki.ListIssuers().Where(issuer => issuer.Status == "revoked").Select(issuer => issuer.Id));
                LocalPkiWatcherLog.Reloaded(_logger, previous, _pki.ActiveIssuerId, revoked);
            }
        }
        catch (Exception exception) when (LocalPki.IsUnreadableState(exception))
        {
            LocalPkiWatcherLog.ReloadFailed(_logger, exception);
        }
    }
}
