using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Secretless.Aws.Tests.Fake;

/// <summary>
/// A deliberately small SigV4 signer for talking to the fake with a raw HttpClient, written
/// separately from the fake's verifier (and checked against the recorded AWS SDK signatures).
/// </summary>
public static class TestSigV4Signer
{
    /// <summary>The Authorization value for a request; <paramref name="headers"/> are exactly the signed ones (lower-case names).</summary>
    public static string Authorization(
        string method,
        string rawPath,
        string rawQuery,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service)
    {
        var amzDate = headers["x-amz-date"];
        var date = amzDate[..8];
        var names = headers.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var canonicalHeaders = string.Concat(names.Select(n => $"{n}:{headers[n].Trim()}\n"));
        var query = string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Escape(Uri.UnescapeDataString(p[0])), Value: Escape(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
        var path = string.Join('/', rawPath.Split('/').Select(Escape));
        var canonical = $"{method}\n{path}\n{query}\n{canonicalHeaders}\n{string.Join(';', names)}\n{Hex(SHA256.HashData(body))}";
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={string.Join(';', names)}, Signature={signature}";
    }

    public static string AmzDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
