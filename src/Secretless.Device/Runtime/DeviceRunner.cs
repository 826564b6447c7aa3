using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Secretless.Device.Runtime;

/// <summary>
/// A long-running device: provisions when it has no valid certificate, connects to its MQTT
/// endpoint, publishes a heartbeat, renews before expiry (new CSR, new certificate stored first,
/// then the old session closed and a new one opened), and falls back to provisioning when the
/// endpoint refuses its certificate — except while a fresh certificate is merely not replicated
/// yet (<see cref="ConnectRefusalPolicy"/>). Transient failures back off and retry forever; only
/// a final refusal by the service (403, 404) ends the run, as a <see cref="ProvisioningFailedException"/>.
/// Cancellation stops it cleanly (MQTT DISCONNECT sent).
/// </summary>
public sealed partial class DeviceRunner : IDisposable
{
    /// <summary>Where the runner remembers the endpoint <c>/new</c> returned, next to the certificate.</summary>
    public const string EndpointFileName = "endpoint.txt";

    private readonly DeviceRunnerOptions _options;
    private readonly Action<DeviceRunnerEvent> _onEvent;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly DeviceCertificateStore _store;
    private readonly string _anchorsPem;
    private string _knownCaPem;
    private long? _lastProvisioningStarted;
    private int _backoffRetry;
    private RunningCertificate? _current;

    // The previous certificate after a provisioning: its session may still use it, so it is
    // disposed only once that session is closed.
    private RunningCertificate? _retired;

    public DeviceRunner(
        DeviceRunnerOptions options,
        Action<DeviceRunnerEvent> onEvent,
        TimeProvider? timeProvider = null,
        Random? random = null,
        ILogger<DeviceRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onEvent);
        options.Validate();
        _options = options;
        _onEvent = onEvent;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        // The renewal margin is ours (RenewAt); the store only has to say "valid now".
        _store = new DeviceCertificateStore(options.OutDirectory, TimeSpan.Zero);
        _anchorsPem = SelfSignedOnly(options.TrustedCaPem);
        _knownCaPem = options.TrustedCaPem;
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>What the runner is doing now (read from any thread).</summary>
    public DeviceRunnerState State { get; private set; } = DeviceRunnerState.Starting;

    /// <summary>The certificate in use, or null before the first one.</summary>
    public string? CertificateId => _current?.CertificateId;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (returns normally then).</summary>
    /// <exception cref="ProvisioningFailedException">The service refused the device for good (e.g. 403, 404).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reason = await LoadStoredAsync(cancellationToken);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reason is not null)
                {
                    if (!await TryProvisionAsync(reason, cancellationToken))
                    {
                        await BackOffAsync(cancellationToken);
                        continue;
                    }
                }

                reason = await ConnectAndRunAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or the fleet's duration: a normal end.
        }
        finally
        {
            State = DeviceRunnerState.Stopped;
            Dispose();
        }
    }

    /// <summary>Releases the certificate identities (RunAsync already does when it ends).</summary>
    public void Dispose()
    {
        DisposeRetired();
        _current?.Dispose();
        _current = null;
    }

    private DeviceRunnerEvent NewEvent(string name) => new(name, _options.DeviceId, _time.GetUtcNow());

    private void Emit(DeviceRunnerEvent runnerEvent) => _onEvent(runnerEvent);

    private void EmitError(string message)
    {
        DeviceRunnerLog.TransientFailure(_logger, _options.DeviceId, message);
        Emit(NewEvent(DeviceRunnerEventNames.Error) with { Message = message });
    }

    /// <summary>Waits the next backoff step (full jitter, growing to the cap).</summary>
    private async Task BackOffAsync(CancellationToken cancellationToken)
    {
        State = DeviceRunnerState.Waiting;
        await Task.Delay(NextBackoff(), _time, cancellationToken);
    }

    private TimeSpan NextBackoff()
    {
        _backoffRetry = Math.Min(_backoffRetry + 1, 30);
        return _options.Backoff.NextDelay(_backoffRetry, null, _random);
    }

    private static double Seconds(TimeSpan delay) => Math.Round(Math.Max(delay.TotalSeconds, 0), 3);

    /// <summary>The self-signed certificates of a PEM bundle: the device's trust anchors.</summary>
    private static string SelfSignedOnly(string pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        try
        {
            var anchors = certificates
                .Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))
                .Select(c => c.ExportCertificatePem())
                .ToList();
            return anchors.Count > 0
                ? string.Join('\n', anchors) + "\n"
                : throw new ArgumentException("The trusted CA PEM holds no self-signed (root) certificate.", nameof(pem));
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }
}
