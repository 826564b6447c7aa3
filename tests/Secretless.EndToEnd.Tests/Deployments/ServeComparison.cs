namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>
/// A second, embedded <c>secretless serve</c> next to a deployment under test, to compare its
/// answers byte for byte with what the deployment sends for the same request.
/// </summary>
public sealed class ServeComparison : IAsyncDisposable
{
    private readonly EmbeddedDeployment _serve = new();

    public async Task StartAsync(IReadOnlyList<DeviceKeyFixture> devices)
    {
        await _serve.InitializeAsync();
        await _serve.ImportAsync(devices);
    }

    public async Task<HttpResponseMessage> PostNewAsync(string? deviceCsrHeader)
    {
        using var client = DeploymentHttp.CreateClient(_serve);
        using var request = new HttpRequestMessage(HttpMethod.Post, "new");
        if (deviceCsrHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("device-csr", deviceCsrHeader);
        }

        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync() => await _serve.DisposeAsync();
}
