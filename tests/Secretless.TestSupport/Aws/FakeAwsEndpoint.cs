using System.Net;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// A real HTTP endpoint (Kestrel on 127.0.0.1, port 0) that serves AWS Private CA (JSON 1.1,
/// <c>POST /</c> with <c>x-amz-target</c>) and the AWS IoT control plane (REST-JSON) with their
/// documented semantics, keeping all state in memory. Every request must carry a valid SigV4
/// signature for the configured key; anything else is answered 403 and never processed.
/// </summary>
public sealed class FakeAwsEndpoint : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string DefaultAccessKeyId = "AKIAFAKEENDPOINT0001";
    public const string DefaultSecretAccessKey = "fake/Secret+Access/Key0000000000000000001";

    private static readonly Lazy<Task<FakeAwsEndpoint>> SharedInstance = new(() => StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly WebApplication _app;
    private readonly FakeAwsOptions _options;
    private readonly FailureInjector _failures = new();
    private readonly Lock _callsGate = new();
    private readonly List<string> _calls = [];
    private int _rejectedSignatures;

    private FakeAwsEndpoint(WebApplication app, FakeAwsOptions options)
    {
        _app = app;
        _options = options;
        var now = options.TimeProvider.GetUtcNow();
        AcmPca = new FakeAcmPca(options.TimeProvider, options.InProgressPolls, now);
        Iot = new FakeIot(options.TimeProvider, options.IotEndpointPrefix, now);
    }

    /// <summary>The only credentials a default-configured endpoint accepts.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(DefaultAccessKeyId, DefaultSecretAccessKey);

    /// <summary><c>http://127.0.0.1:PORT/</c>: the ServiceUrl for every AWS backend under test.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public FakeAcmPca AcmPca { get; }

    public FakeIot Iot { get; }

    /// <summary>Operation names of the requests whose signature verified, in arrival order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_callsGate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>How many requests were refused because their signature did not verify.</summary>
    public int RejectedSignatures => Volatile.Read(ref _rejectedSignatures);

    public static async Task<FakeAwsEndpoint> StartAsync(FakeAwsOptions? options = null, CancellationToken ct = default)
    {
        options ??= new FakeAwsOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var endpoint = new FakeAwsEndpoint(builder.Build(), options);
        endpoint._app.Run(endpoint.HandleAsync);
        await endpoint._app.StartAsync(ct);
        var address = endpoint._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.ServiceUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return endpoint;
    }

    /// <summary>
    /// One endpoint for the whole test run (started on first use, stopped with the process), for tests
    /// that only need a working AWS: use unique names and never change its global settings
    /// (InProgressPolls, FailNext, Status); start a private one with <see cref="StartAsync"/> for that.
    /// </summary>
    public static Task<FakeAwsEndpoint> SharedAsync() => SharedInstance.Value;

    /// <summary>The next <paramref name="count"/> calls of <paramref name="operation"/> fail with <paramref name="errorCode"/> (after signature checks).</summary>
    public void FailNext(string operation, string errorCode, int count = 1) => _failures.Add(operation, errorCode, count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var isAcmPca = request.Method == "POST" && request.RawPath == "/" && request.Headers.ContainsKey("x-amz-target");
        var verification = SigV4Verifier.Verify(request, _options.AccessKeyId, _options.SecretAccessKey, _options.TimeProvider.GetUtcNow(), _options.MaxClockSkew);
        var expectedService = isAcmPca ? "acm-pca" : "iot";
        if (verification.IsValid && (verification.Service != expectedService || verification.Region != Region))
        {
            verification = SigV4Verification.Invalid("InvalidSignatureException", $"Credential should be scoped to a valid region and service: '{Region}/{expectedService}'.");
        }

        FakeAwsReply reply;
        if (!verification.IsValid)
        {
            Interlocked.Increment(ref _rejectedSignatures);
            reply = isAcmPca
                ? AcmPcaRequestHandler.ErrorReply(verification.ErrorCode!, verification.Message!, 403)
                : IotRequestHandler.ErrorReply(verification.ErrorCode!, verification.Message!, new Dictionary<string, string>(), 403);
        }
        else if (isAcmPca)
        {
            reply = new AcmPcaRequestHandler(AcmPca).Handle(request, RecordCall, _failures);
        }
        else
        {
            reply = new IotRequestHandler(Iot).Handle(request, RecordCall, _failures);
        }

        await WriteAsync(context, reply);
    }

    private void RecordCall(string operation)
    {
        lock (_callsGate)
        {
            _calls.Add(operation);
        }
    }

    private static async Task<SigV4Request> ReadAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? "" : rawTarget[(question + 1)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return new SigV4Request(context.Request.Method.ToUpperInvariant(), rawPath, rawQuery, headers, buffer.ToArray());
    }

    private static async Task WriteAsync(HttpContext context, FakeAwsReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }
}
