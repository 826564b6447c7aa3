using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Secretless.Lambda.Events;
using Secretless.Lambda.Logging;

namespace Secretless.Lambda.Runtime;

/// <summary>
/// The client side of the Lambda Runtime API (2018-06-01) for a <c>provided.al2023</c> function:
/// ask for the next invocation, hand it to the handler under its deadline, post the response, or
/// post the handler's exception as the invocation's error and carry on.
/// </summary>
public sealed class LambdaRuntimeLoop
{
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    // The error text goes to the caller and CloudWatch: bounded, never an event excerpt.
    private const int MaxErrorMessageLength = 1024;

    private readonly HttpClient _http;
    private readonly ILambdaHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger<LambdaRuntimeLoop> _logger;

    /// <param name="http">A client whose base address is <see cref="RuntimeApiBase"/> of <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public LambdaRuntimeLoop(HttpClient http, ILambdaHandler handler, TimeProvider time, ILogger<LambdaRuntimeLoop> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _handler = handler;
        _time = time;
        _logger = logger;
    }

    /// <summary><c>http://{AWS_LAMBDA_RUNTIME_API}/2018-06-01/</c>.</summary>
    public static Uri RuntimeApiBase(string runtimeApiAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApiAddress);
        return new Uri($"http://{runtimeApiAddress}/2018-06-01/");
    }

    /// <summary>An HttpClient for the Runtime API: no timeout, since <c>…/next</c> is a long poll.</summary>
    public static HttpClient CreateClient(string runtimeApiAddress) => new()
    {
        BaseAddress = RuntimeApiBase(runtimeApiAddress),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// Serves invocations until <paramref name="ct"/> is cancelled (in Lambda: until the process is
    /// stopped), then throws <see cref="OperationCanceledException"/>, whether the cancellation came
    /// during an invocation or between two.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await RunOnceAsync(ct);
        }
    }

    /// <summary>Fetches one invocation, answers it (response or error) and returns its request id.</summary>
    public async Task<string> RunOnceAsync(CancellationToken ct)
    {
        using var next = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseHeadersRead, ct);
        next.EnsureSuccessStatusCode();
        var context = ReadContext(next);
        var eventJson = await next.Content.ReadAsByteArrayAsync(ct);
        LambdaLog.InvocationReceived(_logger, context.RequestId, eventJson.Length);

        var remaining = context.Deadline - _time.GetUtcNow();
        using var deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        byte[] response;
        try
        {
            response = await _handler.HandleAsync(eventJson, context, invocation.Token);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            var errorType = deadline.IsCancellationRequested && exception is OperationCanceledException ? "Runtime.DeadlineExceeded" : exception.GetType().Name;
            LambdaLog.HandlerFailed(_logger, exception, context.RequestId, errorType);
            await PostErrorAsync($"runtime/invocation/{context.RequestId}/error", errorType, exception.Message, ct);
            return context.RequestId;
        }

        using (var content = new ByteArrayContent(response))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var posted = await _http.PostAsync($"runtime/invocation/{context.RequestId}/response", content, ct);
            posted.EnsureSuccessStatusCode();
        }

        LambdaLog.InvocationAnswered(_logger, context.RequestId, response.Length);
        try
        {
            await _handler.AfterResponseAsync(invocation.Token);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            // The answer is out; what did not finish is resumed by the device's retry (the ledger).
            LambdaLog.AfterResponseFailed(_logger, exception, context.RequestId);
        }

        return context.RequestId;
    }

    /// <summary>Reports that the function cannot start (bad configuration); Lambda then fails the invocation.</summary>
    public Task ReportInitErrorAsync(string errorType, string errorMessage, CancellationToken ct)
        => PostErrorAsync("runtime/init/error", errorType, errorMessage, ct);

    private async Task PostErrorAsync(string path, string errorType, string errorMessage, CancellationToken ct)
    {
        var message = errorMessage.Length > MaxErrorMessageLength ? errorMessage[..MaxErrorMessageLength] : errorMessage;
        var body = JsonSerializer.SerializeToUtf8Bytes(new LambdaErrorBody(message, errorType), LambdaJsonContext.Default.LambdaErrorBody);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(FunctionErrorTypeHeader, errorType);
        using var posted = await _http.SendAsync(request, ct);
        posted.EnsureSuccessStatusCode();
    }

    private LambdaInvocationContext ReadContext(HttpResponseMessage next)
    {
        var requestId = Single(next, RequestIdHeader)
            ?? throw new InvalidOperationException($"The Runtime API answered …/next without {RequestIdHeader}.");
        var deadline = long.TryParse(Single(next, DeadlineHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : _time.GetUtcNow().AddMinutes(15); // Lambda's maximum timeout, should the header ever be missing.
        return new LambdaInvocationContext(requestId, deadline, Single(next, TraceIdHeader), Single(next, FunctionArnHeader));
    }

    private static string? Single(HttpResponseMessage response, string header)
        => response.Headers.TryGetValues(header, out var values) ? values.FirstOrDefault() : null;
}
