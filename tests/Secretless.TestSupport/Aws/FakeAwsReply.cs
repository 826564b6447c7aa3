using System.Text;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.Aws;

/// <summary>An HTTP answer of the fake: status, extra headers, content type and body bytes.</summary>
internal sealed record FakeAwsReply(int Status, string ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public static FakeAwsReply Json(JsonNode body, string contentType, int status = 200) =>
        new(status, contentType, Encoding.UTF8.GetBytes(body.ToJsonString()), new Dictionary<string, string>());

    public static FakeAwsReply Empty(string contentType) =>
        new(200, contentType, [], new Dictionary<string, string>());
}
