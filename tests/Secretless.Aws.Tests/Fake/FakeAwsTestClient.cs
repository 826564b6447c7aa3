using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Secretless.TestSupport.Aws;

namespace Secretless.Aws.Tests.Fake;

/// <summary>A raw HttpClient that signs requests with <see cref="TestSigV4Signer"/> and sends them to a fake endpoint.</summary>
public sealed class FakeAwsTestClient(Uri serviceUrl, string accessKeyId = FakeAwsEndpoint.DefaultAccessKeyId, string secretAccessKey = FakeAwsEndpoint.DefaultSecretAccessKey) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Signing time; defaults to now.</summary>
    public DateTimeOffset? SigningTime { get; set; }

    public Task<FakeAwsResult> PcaAsync(string operation, JsonObject input) =>
        SendAsync(HttpMethod.Post, "/", "", "acm-pca", Encoding.UTF8.GetBytes(input.ToJsonString()), "application/x-amz-json-1.1",
            new Dictionary<string, string> { ["x-amz-target"] = "ACMPrivateCA." + operation });

    public Task<FakeAwsResult> IotAsync(HttpMethod method, string rawPath, string rawQuery = "", JsonObject? body = null, IReadOnlyDictionary<string, string>? extraHeaders = null) =>
        SendAsync(method, rawPath, rawQuery, "iot", body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()), body is null ? null : "application/json", extraHeaders);

    /// <summary>Signs and sends; <paramref name="tamper"/> may change the message after signing.</summary>
    public async Task<FakeAwsResult> SendAsync(
        HttpMethod method,
        string rawPath,
        string rawQuery,
        string service,
        byte[] body,
        string? contentType,
        IReadOnlyDictionary<string, string>? extraHeaders,
        Action<HttpRequestMessage>? tamper = null)
    {
        var signed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = serviceUrl.Authority,
            ["x-amz-date"] = TestSigV4Signer.AmzDate(SigningTime ?? DateTimeOffset.UtcNow),
            ["x-amz-content-sha256"] = Convert.ToHexStringLower(SHA256.HashData(body)),
        };
        if (contentType is not null)
        {
            signed["content-type"] = contentType;
            signed["content-length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in extraHeaders ?? new Dictionary<string, string>())
        {
            signed[name] = value;
        }

        var authorization = TestSigV4Signer.Authorization(method.Method, rawPath, rawQuery, signed, body, accessKeyId, secretAccessKey, FakeAwsEndpoint.Region, service);
        var uri = new Uri(serviceUrl, rawPath + (rawQuery.Length > 0 ? "?" + rawQuery : ""));
        using var request = new HttpRequestMessage(method, uri);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in signed.Where(h => h.Key is not ("host" or "content-type" or "content-length")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        tamper?.Invoke(request);
        return await ReadAsync(await _http.SendAsync(request));
    }

    /// <summary>Sends a prepared request as is (for unsigned or hand-made requests).</summary>
    public async Task<FakeAwsResult> SendRawAsync(HttpRequestMessage request) => await ReadAsync(await _http.SendAsync(request));

    public void Dispose() => _http.Dispose();

    private static async Task<FakeAwsResult> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
            return new FakeAwsResult((int)response.StatusCode, errorType, text.Length == 0 ? null : JsonNode.Parse(text));
        }
    }
}
