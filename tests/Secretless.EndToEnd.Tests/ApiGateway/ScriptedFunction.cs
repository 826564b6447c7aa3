using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Secretless.EndToEnd.Tests.ApiGateway;

/// <summary>
/// A test function speaking the Lambda Runtime API over real HTTP (next → response or error),
/// answering each event with what the test scripted: it lets the gateway's tests choose exactly what
/// an authorizer or issuer returns (odd policies, malformed answers, errors) without the published
/// binary. Runs until disposed.
/// </summary>
public sealed class ScriptedFunction : IAsyncDisposable
{
    private const string Version = "2018-06-01";

    private readonly HttpClient _client;
    private readonly Func<JsonObject, FunctionAnswer> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ScriptedFunction(string runtimeApiAddress, Func<JsonObject, FunctionAnswer> answer)
    {
        _client = new HttpClient { BaseAddress = new Uri($"http://{runtimeApiAddress}/{Version}/runtime/"), Timeout = Timeout.InfiniteTimeSpan };
        _answer = answer;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public static ScriptedFunction Start(string runtimeApiAddress, Func<JsonObject, FunctionAnswer> answer) => new(runtimeApiAddress, answer);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next event: the normal way out.
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using var next = await _client.GetAsync("invocation/next", ct);
            next.EnsureSuccessStatusCode();
            var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
            var lambdaEvent = JsonNode.Parse(await next.Content.ReadAsStringAsync(ct))!.AsObject();
            var answer = _answer(lambdaEvent);
            using var content = new StringContent(answer.Body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var route = answer.IsError ? $"invocation/{requestId}/error" : $"invocation/{requestId}/response";
            // Not checked: an answer after the invocation timed out is refused (400), as Lambda would.
            using var posted = await _client.PostAsync(route, content, ct);
        }
    }
}
