using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Secretless.TestSupport.Lambda;

/// <summary>
/// The AWS Lambda Runtime API (2018-06-01) on Kestrel, 127.0.0.1 port 0: what a <c>provided.al2023</c>
/// function's <c>bootstrap</c> talks to. <see cref="InvokeAsync"/> queues an event; the function's
/// <c>GET …/invocation/next</c> long-poll receives it with the request id, deadline and trace headers,
/// and its <c>…/response</c> or <c>…/error</c> completes the invocation. <c>/runtime/init/error</c>
/// fails every waiting invocation, as Lambda does when a function cannot start.
/// </summary>
public sealed class LambdaRuntimeApiEmulator : IAsyncDisposable
{
    public const string ApiPrefix = "/2018-06-01/runtime";
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:secretless-test";

    private readonly WebApplication _app;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LambdaErrorReport> _invocationErrors = new();
    private readonly TaskCompletionSource<LambdaErrorReport> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private int _nextRequests;

    private LambdaRuntimeApiEmulator(WebApplication app) => _app = app;

    /// <summary><c>127.0.0.1:PORT</c>: the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string RuntimeApiAddress { get; private set; } = "";

    /// <summary>How many <c>…/invocation/next</c> requests arrived (a loop that continues asks again).</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>Every <c>…/{id}/error</c> body, in arrival order.</summary>
    public IReadOnlyList<LambdaErrorReport> InvocationErrors => [.. _invocationErrors];

    /// <summary>The <c>/runtime/init/error</c> report, or null while none arrived.</summary>
    public LambdaErrorReport? InitError => _initError.Task.IsCompletedSuccessfully ? _initError.Task.Result : null;

    public static async Task<LambdaRuntimeApiEmulator> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var emulator = new LambdaRuntimeApiEmulator(builder.Build());
        emulator.MapRoutes();
        await emulator._app.StartAsync(ct);
        var address = emulator._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        emulator.RuntimeApiAddress = new Uri(address).Authority;
        return emulator;
    }

    /// <summary>
    /// Invokes the function with <paramref name="eventJson"/> and waits for its answer. After
    /// <paramref name="timeout"/> the invocation fails with <c>Sandbox.Timedout</c>, as Lambda reports it.
    /// </summary>
    public async Task<LambdaInvocation> InvokeAsync(byte[] eventJson, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        var requestId = Guid.NewGuid().ToString();
        if (InitError is { } initError)
        {
            return InitFailure(requestId, initError);
        }

        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        var pending = new PendingInvocation(requestId, eventJson, deadline);
        _inFlight[requestId] = pending;
        await _queue.Writer.WriteAsync(pending, ct);
        var initFailed = _initError.Task.ContinueWith(
            static (task, id) => InitFailure((string)id!, task.Result),
            requestId,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            var finished = await Task.WhenAny(pending.Completion.Task, initFailed).WaitAsync(timeout, ct);
            return await finished;
        }
        catch (TimeoutException)
        {
            var seconds = timeout.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
            return new LambdaInvocation(requestId, false, [], "Sandbox.Timedout", $"Task timed out after {seconds} seconds");
        }
        finally
        {
            pending.Abandoned = true;
            _inFlight.TryRemove(requestId, out _);
        }
    }

    /// <summary>Waits until the function reports <c>/runtime/init/error</c>.</summary>
    public Task<LambdaErrorReport> WaitForInitErrorAsync(TimeSpan timeout, CancellationToken ct)
        => _initError.Task.WaitAsync(timeout, ct);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static LambdaInvocation InitFailure(string requestId, LambdaErrorReport report)
        => new(requestId, false, [], report.ErrorType, report.ErrorMessage, InitializationFailed: true);

    private void MapRoutes()
    {
        _app.MapGet(ApiPrefix + "/invocation/next", NextAsync);
        _app.MapPost(ApiPrefix + "/invocation/{requestId}/response", async (string requestId, HttpContext context) =>
        {
            var body = await ReadBodyAsync(context.Request);
            return Complete(requestId, pending => new LambdaInvocation(requestId, true, body, null, null));
        });
        _app.MapPost(ApiPrefix + "/invocation/{requestId}/error", async (string requestId, HttpContext context) =>
        {
            var report = ParseError(context.Request, await ReadBodyAsync(context.Request));
            _invocationErrors.Enqueue(report);
            return Complete(requestId, pending => new LambdaInvocation(requestId, false, [], report.ErrorType, report.ErrorMessage));
        });
        _app.MapPost(ApiPrefix + "/init/error", async (HttpContext context) =>
        {
            _initError.TrySetResult(ParseError(context.Request, await ReadBodyAsync(context.Request)));
            return Results.Json(new Dictionary<string, string> { ["status"] = "OK" }, statusCode: StatusCodes.Status202Accepted);
        });
    }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _nextRequests);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        PendingInvocation pending;
        do
        {
            try
            {
                pending = await _queue.Reader.ReadAsync(linked.Token);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or ChannelClosedException)
            {
                context.Abort();
                return;
            }
        }
        while (pending.Abandoned);

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{Guid.NewGuid():N};Sampled=0";
        headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = pending.Event.Length;
        await context.Response.Body.WriteAsync(pending.Event, context.RequestAborted);
    }

    private IResult Complete(string requestId, Func<PendingInvocation, LambdaInvocation> result)
    {
        if (!_inFlight.TryGetValue(requestId, out var pending))
        {
            return Results.Json(
                new Dictionary<string, string> { ["errorMessage"] = $"Invalid request ID: {requestId}", ["errorType"] = "InvalidRequestID" },
                statusCode: StatusCodes.Status400BadRequest);
        }

        pending.Completion.TrySetResult(result(pending));
        return Results.Json(new Dictionary<string, string> { ["status"] = "OK" }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static LambdaErrorReport ParseError(HttpRequest request, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        string? type = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = document.RootElement.TryGetProperty("errorType", out var t) ? t.GetString() : null;
                message = document.RootElement.TryGetProperty("errorMessage", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Lambda accepts any body; the raw text still reaches the test.
        }

        var header = request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        return new LambdaErrorReport(type, message, header, text);
    }
}
