using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Device.Mqtt;

namespace Secretless.Device.Runtime;

/// <summary>The runner's certificate: the stored one at start, a new one whenever it must.</summary>
public sealed partial class DeviceRunner
{
    private string EndpointPath => Path.Combine(_store.DirectoryPath, EndpointFileName);

    /// <summary>Loads a usable stored certificate; returns null then, else why one must be provisioned.</summary>
    private async Task<string?> LoadStoredAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stored = await _store.TryLoadValidAsync(_options.PrivateKey, _options.DeviceId, _anchorsPem, now, cancellationToken);
        if (stored is null)
        {
            return await StoredCertificateExpiredAsync(now, cancellationToken) ? ProvisioningReasons.Expired : ProvisioningReasons.NoCertificate;
        }

        var endpoint = _options.Endpoint ?? await TryReadEndpointAsync(cancellationToken);
        if (endpoint is null)
        {
            // A certificate from 'device provision' without --endpoint: where it may connect is unknown.
            return ProvisioningReasons.NoCertificate;
        }

        // When it was stored is when the device obtained it (notBefore is back-dated by the service).
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(_store.CertificatePath), TimeSpan.Zero);
        _current = new RunningCertificate(
            stored, DeviceMqttCredentials.Create(stored.CertificatePem, _options.PrivateKey), written > now ? now : written, endpoint);
        if (await _store.TryReadCaChainAsync(cancellationToken) is { } storedCaChain)
        {
            _knownCaPem = _options.TrustedCaPem + "\n" + storedCaChain;
        }

        DeviceRunnerLog.UsingStoredCertificate(_logger, _options.DeviceId, stored.CertificateId, stored.NotAfter);
        return null;
    }

    private async Task<bool> StoredCertificateExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            using var leaf = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_store.CertificatePath, cancellationToken));
            return leaf.NotAfter.ToUniversalTime() <= now.UtcDateTime;
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task<string?> TryReadEndpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = (await File.ReadAllTextAsync(EndpointPath, cancellationToken)).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Provisions with a new CSR, stores the certificate and makes it current. Returns false after a
    /// transient failure (reported as an <c>error</c> event); a final refusal is thrown.
    /// </summary>
    private async Task<bool> TryProvisionAsync(string reason, CancellationToken cancellationToken)
    {
        await WaitForProvisioningSlotAsync(cancellationToken);
        State = DeviceRunnerState.Provisioning;
        var gate = _options.ProvisioningGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            _lastProvisioningStarted = _time.GetTimestamp();
            // A handler per provisioning: it trusts the newest CA chain the device has seen.
            using var http = new HttpClient(DeviceHttpHandlerFactory.Create(_knownCaPem)) { Timeout = Timeout.InfiniteTimeSpan };
            var client = new ResilientProvisioningClient(http, _options.ProvisioningPolicy, _time, _random);
            var result = await client.ProvisionAsync(
                _options.DeviceId, _options.PrivateKey, _options.Server, _anchorsPem, ProvisioningDelivery.Direct, cancellationToken);
            var stored = await _store.SaveAsync(result.Certificate, cancellationToken);
            await AtomicFileWriter.WriteAsync(EndpointPath, result.Certificate.Endpoint + "\n", null, cancellationToken);
            var identity = DeviceMqttCredentials.Create(stored.CertificatePem, _options.PrivateKey);
            var previous = _current;
            _current = new RunningCertificate(stored, identity, _time.GetUtcNow(), _options.Endpoint ?? result.Certificate.Endpoint);
            _retired = previous;
            _knownCaPem = _options.TrustedCaPem + "\n" + result.Certificate.CaChainPem;
            _backoffRetry = 0;

            DeviceRunnerLog.Provisioned(_logger, _options.DeviceId, stored.CertificateId, reason, stored.NotAfter);
            Emit(NewEvent(DeviceRunnerEventNames.Provisioned) with
            {
                CertificateId = stored.CertificateId,
                Issuer = identity.Issuer,
                NotAfter = stored.NotAfter,
                // What the service answered (the home region's endpoint); `connected` names where the device went.
                Endpoint = result.Certificate.Endpoint,
                Reason = reason,
            });
            return true;
        }
        catch (ProvisioningFailedException refused)
        {
            // Only final answers get here (the resilient client retries the transient ones).
            DeviceRunnerLog.ProvisioningRefused(_logger, _options.DeviceId, refused.Message);
            Emit(NewEvent(DeviceRunnerEventNames.Error) with { Message = refused.Message });
            throw;
        }
        catch (Exception exception) when (exception is ProvisioningException or CertificateVerificationException
            or HttpRequestException or IOException or AuthenticationException or InvalidDataException)
        {
            EmitError($"provisioning failed ({reason}): {exception.Message}");
            return false;
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>Never more than one provisioning per <see cref="DeviceRunnerOptions.MinimumReprovisionInterval"/>.</summary>
    private async Task WaitForProvisioningSlotAsync(CancellationToken cancellationToken)
    {
        var wait = TimeUntilProvisioningAllowed();
        if (wait > TimeSpan.Zero)
        {
            State = DeviceRunnerState.Waiting;
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private TimeSpan TimeUntilProvisioningAllowed() => _lastProvisioningStarted is { } started
        ? _options.MinimumReprovisionInterval - _time.GetElapsedTime(started)
        : TimeSpan.Zero;

    private void DisposeRetired()
    {
        _retired?.Dispose();
        _retired = null;
    }
}
