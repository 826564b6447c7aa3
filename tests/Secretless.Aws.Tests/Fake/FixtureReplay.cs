using System.Net.Http.Headers;
using System.Text;
using Secretless.Aws.Tests.Wire;

namespace Secretless.Aws.Tests.Fake;

/// <summary>Rebuilds a recorded AWS SDK request (same path, query, signed headers, Host and body) aimed at the fake.</summary>
public static class FixtureReplay
{
    private static readonly HashSet<string> ContentOrConnectionHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-type", "content-length", "connection", "user-agent",
    };

    public static HttpRequestMessage ToHttpRequest(AwsWireFixture fixture, Uri serviceUrl, Func<string, string>? changeBody = null)
    {
        var uri = new Uri(serviceUrl, fixture.Path + (fixture.Query.Length > 0 ? "?" + fixture.Query : ""));
        var request = new HttpRequestMessage(new HttpMethod(fixture.Method), uri);
        request.Headers.Host = fixture.Headers["host"];
        foreach (var (name, value) in fixture.Headers.Where(h => !ContentOrConnectionHeaders.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!string.IsNullOrEmpty(fixture.Body))
        {
            var body = changeBody is null ? fixture.Body : changeBody(fixture.Body);
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fixture.Headers["content-type"]);
        }

        return request;
    }
}
