using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Local.Registry;

namespace Secretless.Local.Replication;

/// <summary>
/// Latent replication between embedded regions (<c>serve --regions</c>): tails every region's
/// status feed and applies each entry to every other region once it is older than
/// <see cref="RegionReplicatorOptions.Delay"/>. Registrations are copied whole (certificate, thing,
/// policy, attachments), status changes follow, REVOKED stays final everywhere.
/// </summary>
/// <remarks>
/// Full mesh: each target reads each source directly, so entries a replicator wrote (marked with
/// their origin) are never forwarded: an applied change cannot echo back. Each target keeps one
/// cursor per source in its own file, moved in the transaction that applied the entry, so a
/// restart resumes where it stopped and re-applying an entry is harmless. Entries of one source
/// are applied in order; the first one still too young stops that source until the next poll.
/// Concurrent conflicting status changes in two regions (other than REVOKED) may leave the two
/// regions different, as in any last-writer-per-region store.
/// </remarks>
public sealed class RegionReplicator : IHostedService, IAsyncDisposable
{
    private readonly IReadOnlyList<ReplicationRegion> _regions;
    private readonly RegionReplicatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RegionReplicator> _logger;
    private readonly string _regionNames;
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public RegionReplicator(
        IReadOnlyList<ReplicationRegion> regions,
        RegionReplicatorOptions options,
        TimeProvider timeProvider,
        ILogger<RegionReplicator> logger)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        if (regions.Select(region => region.Name).Distinct(StringComparer.Ordinal).Count() != regions.Count)
        {
            throw new ArgumentException("Region names must be unique.", nameof(regions));
        }

        _regions = regions;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _regionNames = string.Join(", ", regions.Select(region => region.Name));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return Task.CompletedTask;
        }

        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None); // the first pass runs off the starting thread
        RegionReplicatorLog.Started(_logger, _regionNames, _options.Delay);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null || _stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken);
        _stopping.Dispose();
        _stopping = null;
        _loop = null;
        RegionReplicatorLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>
    /// One pass: every source's due entries into every other region. Returns how many entries were
    /// applied (including ones that changed nothing because the target had them already).
    /// </summary>
    public async Task<int> ReplicateOnceAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var target in _regions)
        {
            foreach (var source in _regions.Where(source => !ReferenceEquals(source, target)))
            {
                try
                {
                    applied += await ReplicateAsync(source, target, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One unreachable file must not hold up the other pairs; the cursor keeps the place.
                    RegionReplicatorLog.PollFailed(_logger, source.Name, target.Name, exception);
                }
            }
        }

        return applied;
    }

    private async Task<int> ReplicateAsync(ReplicationRegion source, ReplicationRegion target, CancellationToken cancellationToken)
    {
        var applied = 0;
        var cursor = await target.Registry.ReadReplicationCursorAsync(source.Name, cancellationToken);
        var dueBefore = _timeProvider.GetUtcNow() - _options.Delay;
        var skippedTo = cursor;
        try
        {
            while (true)
            {
                var entries = await source.Registry.ReadReplicationFeedAsync(Math.Max(cursor, skippedTo), cancellationToken);
                foreach (var entry in entries)
                {
                    if (entry.Origin is not null)
                    {
                        // The source received it from a region this target reads directly: never forwarded.
                        skippedTo = entry.Sequence;
                        continue;
                    }

                    if (entry.ChangedAt > dueBefore)
                    {
                        return applied; // still "in flight": keeps its place, and so do the entries after it
                    }

                    var replica = await source.Registry.ReadReplicaAsync(entry.CertificateId, cancellationToken);
                    if (replica is null)
                    {
                        RegionReplicatorLog.SourceCertificateMissing(_logger, entry.CertificateId, source.Name, target.Name);
                    }

                    if (await target.Registry.ApplyReplicatedChangeAsync(source.Name, entry, replica, cancellationToken))
                    {
                        RegionReplicatorLog.Applied(_logger, entry.CertificateId, entry.Status, source.Name, target.Name);
                    }

                    cursor = entry.Sequence;
                    applied++;
                }

                if (entries.Count < SqliteThingRegistry.StatusChangePageSize)
                {
                    return applied;
                }
            }
        }
        finally
        {
            if (skippedTo > cursor)
            {
                // One write per poll, only when the source received entries: the next read starts after them.
                await target.Registry.AdvanceReplicationCursorAsync(source.Name, skippedTo, cancellationToken);
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _timeProvider);
        try
        {
            do
            {
                await ReplicateOnceAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
