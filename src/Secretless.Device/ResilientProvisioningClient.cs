using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Device.Json;

namespace Secretless.Device;

/// <summary>
/// The device client for poor networks: every exchange is retried per the
/// <see cref="ProvisioningRetryPolicy"/>; the CSR is built once and the same bytes are re-sent
/// after a lost answer (the server recognises them and returns the one certificate it issued,
/// where a fresh CSR — ECDSA signatures are randomised — would look like a new request); a 202
/// is followed to its certificate URL until the certificate is there; the result is verified
/// (chain, own key, CN) before it is returned.
/// </summary>
public sealed class ResilientProvisioningClient
{
    /// <summary>The header that asks for latent delivery by URL.</summary>
    public const string DeviceDeliveryHeader = "device-delivery";

    // A URL that expired is renewed by re-posting the same CSR; bounded so a server that only
    // hands out dead URLs cannot keep the device busy until the deadline.
    private const int MaxCertificateUrlRenewals = 3;

    private readonly HttpClient _httpClient;
    private readonly ProvisioningRetryPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ILogger _logger;

    public ResilientProvisioningClient(
        HttpClient httpClient,
        ProvisioningRetryPolicy? policy = null,
        TimeProvider? timeProvider = null,
        Random? random = null,
        ILogger<ResilientProvisioningClient>? logger = null)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _policy = policy ?? ProvisioningRetryPolicy.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc cref="ProvisionAsync(string, AsymmetricAlgorithm, Uri, string?, ProvisioningDelivery, CancellationToken)"/>
    public Task<ResilientProvisioningResult> ProvisionAsync(
        string deviceId, AsymmetricAlgorithm privateKey, Uri server, string? trustAnchorPem, CancellationToken cancellationToken) =>
        ProvisionAsync(deviceId, privateKey, server, trustAnchorPem, ProvisioningDelivery.Direct, cancellationToken);

    /// <summary>Provisions the device, retrying until a verified certificate or the deadline.</summary>
    /// <param name="trustAnchorPem">Roots the device already trusts; null: the roots <c>GET /ca</c> serves.</param>
    /// <exception cref="ProvisioningFailedException">A final refusal (400, 403, 404 device not registered).</exception>
    /// <exception cref="CertificateVerificationException">The certificate is not acceptable.</exception>
    /// <exception cref="ProvisioningGaveUpException">Only transient failures, until the deadline.</exception>
    public async Task<ResilientProvisioningResult> ProvisionAsync(
        string deviceId,
        AsymmetricAlgorithm privateKey,
        Uri server,
        string? trustAnchorPem,
        ProvisioningDelivery delivery,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(server);

        var run = new ProvisioningRun(deviceId, _timeProvider.GetTimestamp());
        var csrHeader = DeviceCsrBuilder.BuildHeaderValue(deviceId, privateKey);
        var caChainPem = await RetryAsync(run, ProvisioningStep.FetchCaChain, token => GetCaChainOnceAsync(server, token), cancellationToken);
        var body = await ObtainCertificateAsync(run, server, csrHeader, delivery, cancellationToken);

        var result = ProvisioningHttp.ToResult(body, caChainPem);
        IssuedCertificateVerifier.Verify(
            result.CertificatePem, result.CertificateChainPem, caChainPem, trustAnchorPem, deviceId, privateKey, _timeProvider.GetUtcNow());
        DeviceProvisioningLog.Provisioned(_logger, deviceId, result.CertificateId, run.Attempts);
        return new ResilientProvisioningResult(
            result, run.Attempts, run.Retries, run.DeliveredByUrl, _timeProvider.GetElapsedTime(run.StartedTimestamp));
    }

    /// <summary>
    /// What a device does at start: use the certificate in <paramref name="store"/> when it is
    /// still valid for this key and id (no network at all), else provision and store the new one.
    /// </summary>
    public async Task<DeviceCertificateOutcome> EnsureCertificateAsync(
        string deviceId,
        AsymmetricAlgorithm privateKey,
        Uri server,
        string? trustAnchorPem,
        DeviceCertificateStore store,
        ProvisioningDelivery delivery,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var anchors = trustAnchorPem ?? await store.TryReadCaChainAsync(cancellationToken);
        if (anchors is not null)
        {
            var stored = await store.TryLoadValidAsync(privateKey, deviceId, anchors, _timeProvider.GetUtcNow(), cancellationToken);
            if (stored is not null)
            {
                DeviceProvisioningLog.UsingStoredCertificate(_logger, deviceId, stored.CertificateId, stored.NotAfter);
                return new DeviceCertificateOutcome(stored, null);
            }
        }

        var provisioned = await ProvisionAsync(deviceId, privateKey, server, trustAnchorPem, delivery, cancellationToken);
        var saved = await store.SaveAsync(provisioned.Certificate, cancellationToken);
        return new DeviceCertificateOutcome(saved, provisioned);
    }

    private async Task<ProvisioningResponseBody> ObtainCertificateAsync(
        ProvisioningRun run, Uri server, string csrHeader, ProvisioningDelivery delivery, CancellationToken cancellationToken)
    {
        var renewals = 0;
        while (true)
        {
            var answer = await RetryAsync(
                run, ProvisioningStep.PostCsr, token => PostCsrOnceAsync(server, csrHeader, delivery, token), cancellationToken);
            if (answer.Issued is { } issued)
            {
                return issued;
            }

            run.DeliveredByUrl = true;
            var url = answer.CertificateUrl!;
            try
            {
                return await RetryAsync(run, ProvisioningStep.PollCertificateUrl, token => GetPayloadOnceAsync(url, token), cancellationToken);
            }
            catch (ProvisioningFailedException expired) when (
                expired.StatusCode == HttpStatusCode.Forbidden
                && expired.ProblemCode == ProvisioningRetryPolicy.PayloadUrlExpiredCode
                && renewals < MaxCertificateUrlRenewals)
            {
                // The same CSR again: the server answers from its ledger with a fresh URL to the same certificate.
                renewals++;
                run.Retries++;
                DeviceProvisioningLog.CertificateUrlExpired(_logger, run.DeviceId);
            }
        }
    }

    private async Task<T> RetryAsync<T>(
        ProvisioningRun run, ProvisioningStep step, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var retry = 0;
        while (true)
        {
            run.Attempts++;
            Exception failure;
            var remaining = _policy.Deadline - _timeProvider.GetElapsedTime(run.StartedTimestamp);
            var timeout = remaining < _policy.AttemptTimeout ? remaining : _policy.AttemptTimeout;
            using (var attemptTimeout = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromTicks(1), _timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token))
            {
                try
                {
                    return await attempt(linked.Token);
                }
                catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Our attempt timeout (or HttpClient.Timeout), not the caller: the exchange is lost.
                    failure = new TimeoutException($"{step} did not finish within {timeout.TotalSeconds:0.###} s.", exception);
                }
                catch (Exception exception) when (ProvisioningRetryPolicy.IsTransient(exception, step))
                {
                    failure = exception;
                }
            }

            retry++;
            var delay = _policy.NextDelay(retry, (failure as ProvisioningFailedException)?.RetryAfter, _random);
            var elapsed = _timeProvider.GetElapsedTime(run.StartedTimestamp);
            if (!_policy.AllowsRetry(elapsed, delay))
            {
                DeviceProvisioningLog.GaveUp(_logger, run.DeviceId, step, run.Attempts);
                throw new ProvisioningGaveUpException(step, run.Attempts, elapsed, failure);
            }

            run.Retries++;
            var reason = Describe(failure);
            var delayMilliseconds = (long)delay.TotalMilliseconds;
            DeviceProvisioningLog.RetryScheduled(_logger, run.DeviceId, step, reason, retry, delayMilliseconds);
            await Task.Delay(delay, _timeProvider, cancellationToken);
        }
    }

    private async Task<string> GetCaChainOnceAsync(Uri server, CancellationToken cancellationToken)
    {
        using var response = await _httpClient.GetAsync(ProvisioningHttp.Resolve(server, "ca"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ProvisioningHttp.ToFailureAsync(response, _timeProvider.GetUtcNow(), cancellationToken);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<PostCsrAnswer> PostCsrOnceAsync(Uri server, string csrHeader, ProvisioningDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ProvisioningHttp.Resolve(server, "new"));
        request.Headers.TryAddWithoutValidation(ProvisioningClient.DeviceCsrHeader, csrHeader);
        if (delivery == ProvisioningDelivery.Url)
        {
            request.Headers.TryAddWithoutValidation(DeviceDeliveryHeader, "url");
        }

        using var response = await _httpClient.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => new PostCsrAnswer(
                ProvisioningHttp.ParseIssued(await response.Content.ReadAsByteArrayAsync(cancellationToken)), null),
            HttpStatusCode.Accepted => new PostCsrAnswer(
                null, await ProvisioningHttp.ReadCertificateUrlAsync(response, server, cancellationToken)),
            _ => throw await ProvisioningHttp.ToFailureAsync(response, _timeProvider.GetUtcNow(), cancellationToken),
        };
    }

    private async Task<ProvisioningResponseBody> GetPayloadOnceAsync(Uri certificateUrl, CancellationToken cancellationToken)
    {
        using var response = await _httpClient.GetAsync(certificateUrl, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ProvisioningHttp.ToFailureAsync(response, _timeProvider.GetUtcNow(), cancellationToken);
        }

        return ProvisioningHttp.ParseIssued(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private static string Describe(Exception failure) => failure switch
    {
        ProvisioningFailedException failed => $"{(int)failed.StatusCode} {failed.ProblemCode}".TrimEnd(),
        _ => failure.GetType().Name,
    };
}
