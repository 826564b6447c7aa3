using Microsoft.Extensions.Logging;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Server.Logging;

namespace Secretless.Server.Endpoints;

/// <summary>
/// Readiness: the device directory answers a lookup (the database is reachable) and the CA
/// describes a currently valid issuer (the PKI is loaded). Each check is bounded in time.
/// </summary>
internal sealed class ReadinessProbe
{
    public const string DatabaseCheck = "database";
    public const string PkiCheck = "pki";

    // A syntactically valid id that is never registered: the lookup exercises the real query path.
    private const string ProbeDeviceId = "secretless-readiness-probe";

    private readonly IDeviceDirectory _directory;
    private readonly ICertificateAuthority _authority;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly ILogger<ReadinessProbe> _logger;

    public ReadinessProbe(IDeviceDirectory directory, ICertificateAuthority authority, TimeProvider timeProvider, SecretlessServerOptions options, ILogger<ReadinessProbe> logger)
    {
        _directory = directory;
        _authority = authority;
        _timeProvider = timeProvider;
        _timeout = options.ReadinessTimeout;
        _logger = logger;
    }

    /// <summary>Each check's result: "ok", "expired" or "failed".</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var database = RunAsync(DatabaseCheck, async ct =>
        {
            await _directory.FindAsync(ProbeDeviceId, ct);
            return "ok";
        }, timeout.Token);
        var pki = RunAsync(PkiCheck, async ct =>
        {
            var issuer = await _authority.DescribeIssuerAsync(ct);
            var now = _timeProvider.GetUtcNow();
            // Validity only: an issuer may hand devices no chain (AWS IoT Core's own CA without CaChainPem).
            return issuer.NotBefore <= now && now < issuer.NotAfter ? "ok" : "expired";
        }, timeout.Token);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [DatabaseCheck] = await database,
            [PkiCheck] = await pki,
        };
    }

    private async Task<string> RunAsync(string name, Func<CancellationToken, Task<string>> check, CancellationToken cancellationToken)
    {
        try
        {
            return await check(cancellationToken);
        }
        catch (Exception exception)
        {
            ServerLog.ReadinessCheckFailed(_logger, name, exception);
            return "failed";
        }
    }
}
