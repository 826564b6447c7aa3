using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Secretless.Lambda.Runtime;

namespace Secretless.Lambda.Tests;

public sealed class LambdaRuntimeLoopTests
{
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunOnceAsync_HandlerAnswers_ResponseReachesTheInvokerWithTheRuntimeContext()
    {
        await using var runtime = await LambdaRuntimeApiEmulator.StartAsync();
        using var http = LambdaRuntimeLoop.CreateClient(runtime.RuntimeApiAddress);
        LambdaInvocationContext? seen = null;
        var loop = Loop(http, new DelegateHandler((json, context, _) =>
        {
            seen = context;
            return Task.FromResult(Encoding.UTF8.GetBytes("{\"echo\":" + Encoding.UTF8.GetString(json) + "}"));
        }));

        var invocation = runtime.InvokeAsync("{\"n\":1}"u8.ToArray(), InvocationTimeout, CancellationToken.None);
        var requestId = await loop.RunOnceAsync(CancellationToken.None);
        var result = await invocation;

        Assert.True(result.Succeeded);
        Assert.Equal("{\"echo\":{\"n\":1}}", Encoding.UTF8.GetString(result.Payload));
        Assert.Equal(result.RequestId, requestId);
        Assert.Equal(requestId, seen!.RequestId);
        Assert.Equal(LambdaRuntimeApiEmulator.FunctionArn, seen.InvokedFunctionArn);
        Assert.StartsWith("Root=", seen.TraceId, StringComparison.Ordinal);
        Assert.True(seen.Deadline > TimeProvider.System.GetUtcNow(), "the deadline header is in the future");
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_ErrorIsReportedAndTheNextInvocationIsAnswered()
    {
        await using var runtime = await LambdaRuntimeApiEmulator.StartAsync();
        using var http = LambdaRuntimeLoop.CreateClient(runtime.RuntimeApiAddress);
        var calls = 0;
        var loop = Loop(http, new DelegateHandler((json, _, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("simulated handler bug")
            : Task.FromResult(json)));
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(stop.Token);

        var failed = await runtime.InvokeAsync("{\"n\":1}"u8.ToArray(), InvocationTimeout, CancellationToken.None);
        var answered = await runtime.InvokeAsync("{\"n\":2}"u8.ToArray(), InvocationTimeout, CancellationToken.None);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.False(failed.Succeeded);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        Assert.Equal("simulated handler bug", failed.ErrorMessage);
        Assert.Equal("InvalidOperationException", runtime.InvocationErrors.Single().FunctionErrorTypeHeader);
        Assert.True(answered.Succeeded);
        Assert.Equal("{\"n\":2}", Encoding.UTF8.GetString(answered.Payload));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RunAsync_CancelledBetweenInvocations_ThrowsOperationCanceledWithoutAskingForTheNext()
    {
        // Cancellation that lands between two invocations must end the loop the same way as one
        // that lands during an invocation (the host and the tests rely on one outcome).
        await using var runtime = await LambdaRuntimeApiEmulator.StartAsync();
        using var http = LambdaRuntimeLoop.CreateClient(runtime.RuntimeApiAddress);
        var calls = 0;
        var loop = Loop(http, new DelegateHandler((json, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(json);
        }));
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(stop.Token));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task RunOnceAsync_DeadlinePasses_HandlerIsCancelledAndDeadlineExceededReported()
    {
        await using var runtime = await LambdaRuntimeApiEmulator.StartAsync();
        using var http = LambdaRuntimeLoop.CreateClient(runtime.RuntimeApiAddress);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = new LambdaRuntimeLoop(http, new DelegateHandler(async (_, _, ct) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return [];
        }), clock, NullLogger<LambdaRuntimeLoop>.Instance);

        var invocation = runtime.InvokeAsync("{}"u8.ToArray(), InvocationTimeout, CancellationToken.None);
        var running = loop.RunOnceAsync(CancellationToken.None);
        await entered.Task.WaitAsync(InvocationTimeout);
        clock.Advance(InvocationTimeout + TimeSpan.FromSeconds(1));
        await running;
        var result = await invocation;

        Assert.False(result.Succeeded);
        Assert.Equal("Runtime.DeadlineExceeded", result.ErrorType);
    }

    [Fact]
    public async Task ReportInitErrorAsync_BadConfiguration_WaitingInvocationFailsWithTheInitError()
    {
        await using var runtime = await LambdaRuntimeApiEmulator.StartAsync();
        using var http = LambdaRuntimeLoop.CreateClient(runtime.RuntimeApiAddress);
        var loop = Loop(http, new DelegateHandler((json, _, _) => Task.FromResult(json)));

        var invocation = runtime.InvokeAsync("{}"u8.ToArray(), InvocationTimeout, CancellationToken.None);
        await loop.ReportInitErrorAsync("Runtime.ConfigurationError", "Secretless:Directory:Type is Sqlite", CancellationToken.None);
        var result = await invocation;

        Assert.False(result.Succeeded);
        Assert.True(result.InitializationFailed);
        Assert.Equal("Runtime.ConfigurationError", result.ErrorType);
        Assert.Equal("Secretless:Directory:Type is Sqlite", runtime.InitError?.ErrorMessage);
        Assert.Equal("Runtime.ConfigurationError", runtime.InitError?.FunctionErrorTypeHeader);
    }

    private static LambdaRuntimeLoop Loop(HttpClient http, ILambdaHandler handler)
        => new(http, handler, TimeProvider.System, NullLogger<LambdaRuntimeLoop>.Instance);
}
