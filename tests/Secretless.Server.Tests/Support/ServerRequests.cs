using System.Text.Json;

namespace Secretless.Server.Tests.Support;

/// <summary>HttpClient calls of the device contract.</summary>
public static class ServerRequests
{
    public static async Task<HttpResponseMessage> PostNewAsync(this RunningServer server, params string[] deviceCsrHeaders)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "new");
        foreach (var value in deviceCsrHeaders)
        {
            request.Headers.TryAddWithoutValidation("device-csr", value);
        }

        return await server.Client.SendAsync(request);
    }

    /// <summary>POST /new with one CSR and a <c>device-delivery</c> header.</summary>
    public static async Task<HttpResponseMessage> PostNewWithDeliveryAsync(this RunningServer server, string deviceCsrHeader, string delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "new");
        request.Headers.TryAddWithoutValidation("device-csr", deviceCsrHeader);
        request.Headers.TryAddWithoutValidation("device-delivery", delivery);
        return await server.Client.SendAsync(request);
    }

    /// <summary>Asserts a problem+json refusal with exactly this status and code; returns the detail.</summary>
    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(code, root.GetProperty("code").GetString());
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.Equal("https://secretless.dev/problems/" + code, root.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        return root.GetProperty("detail").GetString()!;
    }
}
