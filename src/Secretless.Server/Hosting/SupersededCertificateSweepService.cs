using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Core.Provisioning;
using Secretless.Core.Registry;

namespace Secretless.Server.Hosting;

/// <summary>
/// Retires superseded certificates once <see cref="ProvisioningOptions.RotationGracePeriod"/> is over,
/// for registries that can find them (<see cref="ISupersededCertificateFinder"/>: the embedded
/// SQLite registry). Without this sweep a grace period would end only at the thing's next
/// provisioning; with no grace the provisioner retires them inline and the sweep only catches up
/// after a failure. Registries without the ability (AWS IoT Core) make this service a no-op.
/// </summary>
internal sealed partial class SupersededCertificateSweepService : BackgroundService
{
    /// <summary>Certificates retired per query; a sweep repeats the query until a page comes back short.</summary>
    internal const int BatchSize = 200;

    private const int MaxBatchesPerSweep = 50;
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaximumInterval = TimeSpan.FromMinutes(1);

    private readonly ISupersededCertificateFinder? _finder;
    private readonly CertificateRotation? _rotation;
    private readonly TimeProvider _time;
    private readonly ILogger<SupersededCertificateSweepService> _logger;

    // The registry is optional so that a host without one (a test host, an admin tool) still starts.
    public SupersededCertificateSweepService(
        ProvisioningOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IThingRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _finder = registry as ISupersededCertificateFinder;
        _rotation = registry is null ? null : new CertificateRotation(registry, options, time, loggerFactory.CreateLogger<CertificateRotation>());
        _time = time;
        _logger = loggerFactory.CreateLogger<SupersededCertificateSweepService>();
        Interval = IntervalFor(options.RotationGracePeriod);
    }

    /// <summary>How often the sweep runs: a quarter of the grace period (2 s – 1 min: one sweep is a join over the attachments), 30 s without grace.</summary>
    internal TimeSpan Interval { get; }

    internal static TimeSpan IntervalFor(TimeSpan gracePeriod) => gracePeriod <= TimeSpan.Zero
        ? CatchUpInterval
        : TimeSpan.FromTicks(Math.Clamp(gracePeriod.Ticks / 4, MinimumInterval.Ticks, MaximumInterval.Ticks));

    /// <summary>One sweep (batches until none is full); failures are logged and left for the next sweep. Returns how many were retired.</summary>
    internal async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        if (_finder is null || _rotation is null)
        {
            return 0;
        }

        var retired = 0;
        try
        {
            for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
            {
                var result = await _rotation.SweepAsync(_finder, BatchSize, cancellationToken);
                retired += result.Retired;

                // A short page, or a page that retired nothing (all failed): wait for the next tick.
                if (result.Found < BatchSize || result.Retired == 0)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SweepFailed(_logger, exception);
        }

        return retired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_finder is null || _rotation is null)
        {
            return;
        }

        SweepStarted(_logger, _rotation.GracePeriod.TotalSeconds, Interval.TotalSeconds);
        try
        {
            // One-shot delays, not a PeriodicTimer: a clock that jumps (a test clock advanced by
            // years) must cost one sweep, not one sweep per missed period.
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepOnceAsync(stoppingToken);
                await Task.Delay(Interval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information,
        Message = "Superseded-certificate sweep running: grace period {GraceSeconds} s, every {IntervalSeconds} s")]
    private static partial void SweepStarted(ILogger logger, double graceSeconds, double intervalSeconds);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Warning,
        Message = "Superseded-certificate sweep failed; trying again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
