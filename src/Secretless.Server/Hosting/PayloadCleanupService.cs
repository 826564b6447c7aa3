using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Server.Logging;

namespace Secretless.Server.Hosting;

/// <summary>Deletes expired payloads every <see cref="SecretlessServerOptions.PayloadCleanupInterval"/>.</summary>
internal sealed class PayloadCleanupService : BackgroundService
{
    private readonly IPayloadStore? _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly ILogger<PayloadCleanupService> _logger;

    public PayloadCleanupService(TimeProvider timeProvider, SecretlessServerOptions options, ILogger<PayloadCleanupService> logger, IPayloadStore? store = null)
    {
        _store = store;
        _timeProvider = timeProvider;
        _interval = options.PayloadCleanupInterval;
        _logger = logger;
    }

    /// <summary>One cleanup pass; failures are logged and retried at the next interval.</summary>
    internal async Task<int> CleanUpOnceAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return 0;
        }

        try
        {
            var deleted = await _store.DeleteExpiredAsync(_timeProvider.GetUtcNow(), cancellationToken);
            if (deleted > 0)
            {
                ServerLog.ExpiredPayloadsDeleted(_logger, deleted);
            }

            return deleted;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ServerLog.PayloadCleanupFailed(_logger, exception);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_store is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CleanUpOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
