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

    public LocalPkiWatcher(LocalPki pki, ILogger<LocalPkiWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(logger);
        _pki = pki;
        _logger = logger;
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
            var previous = _pki.ActiveIssuerId;
            if (_pki.RefreshIfChanged() && _logger.IsEnabled(LogLevel.Information))
            {
                var revoked = string.Join(",", _pki.ListIssuers().Where(issuer => issuer.Status == "revoked").Select(issuer => issuer.Id));
                LocalPkiWatcherLog.Reloaded(_logger, previous, _pki.ActiveIssuerId, revoked);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException
            or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException or LocalPkiNotInitializedException)
        {
            LocalPkiWatcherLog.ReloadFailed(_logger, exception);
        }
    }
}
