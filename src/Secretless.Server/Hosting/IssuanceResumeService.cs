using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.Core.Delivery;
using Secretless.Core.Provisioning;
using Secretless.Server.Logging;

namespace Secretless.Server.Hosting;

/// <summary>
/// Start-up: finishes issuances a crash interrupted before the server listens (hosted services
/// start before Kestrel). Shutdown: lets issuances that outlived their 202 finish and store their
/// payloads, within the host's shutdown timeout.
/// </summary>
internal sealed class IssuanceResumeService : IHostedService
{
    private readonly IssuanceResumer _resumer;
    private readonly LatentDelivery _delivery;
    private readonly SecretlessServerOptions _options;
    private readonly ILogger<IssuanceResumeService> _logger;

    public IssuanceResumeService(IssuanceResumer resumer, LatentDelivery delivery, SecretlessServerOptions options, ILogger<IssuanceResumeService> logger)
    {
        _resumer = resumer;
        _delivery = delivery;
        _options = options;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.ResumeIssuancesAtStartup)
        {
            return;
        }

        try
        {
            var summary = await _resumer.ResumeAsync(cancellationToken);
            ServerLog.ResumedAtStartup(_logger, summary.Resumed, summary.StalePending, summary.Failed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A backend down at start-up must not keep the server down: each unfinished issuance
            // also resumes when its device retries.
            ServerLog.ResumeAtStartupFailed(_logger, exception);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _delivery.DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown timeout: the ledger keeps what finished; devices' retries resume the rest.
        }
    }
}
