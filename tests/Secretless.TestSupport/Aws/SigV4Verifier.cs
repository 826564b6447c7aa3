using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// Checks AWS Signature Version 4 (header form) the way an AWS front end does, written from the
/// published algorithm and independent of the product's signer: canonical request, string to
/// sign, HMAC key chain, constant-time comparison. It also insists that
/// <c>x-amz-content-sha256</c> (when sent) is the SHA-256 of the body actually received.
/// </summary>
public static class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// Verifies <paramref name="request"/> against the one key pair the caller accepts.
    /// <paramref name="maxClockSkew"/> bounds |x-amz-date − now|; null skips that check
    /// (used to verify recorded requests at their recorded time).
    /// </summary>
    public static SigV4Verification Verify(
        SigV4Request request,
        string accessKeyId,
        string secretAccessKey,
        DateTimeOffset now,
        TimeSpan? maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (!headers.TryGetValue("authorization", out var authorization) || string.IsNullOrWhiteSpace(authorization))
        {
            return SigV4Verification.Invalid("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!SigV4Authorization.TryParse(authorization, out var parsed, out var parseError))
        {
            return SigV4Verification.Invalid("IncompleteSignatureException", parseError);
        }

        if (!string.Equals(parsed.AccessKeyId, accessKeyId, StringComparison.Ordinal))
        {
            return SigV4Verification.Invalid("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (!headers.TryGetValue("x-amz-date", out var amzDate)
            || !DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return SigV4Verification.Invalid("IncompleteSignatureException", "Authorization header requires existence of a valid 'X-Amz-Date' header.");
        }

        if (!string.Equals(parsed.ScopeDate, amzDate[..8], StringComparison.Ordinal))
        {
            return SigV4Verification.Invalid("InvalidSignatureException", $"Credential should be scoped to a valid date: '{amzDate[..8]}'.");
        }

        if (maxClockSkew is { } skew && (signedAt - now).Duration() > skew)
        {
            return SigV4Verification.Invalid("InvalidSignatureException", $"Signature expired: {amzDate} is not within {skew} of {now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)}.");
        }

        if (!parsed.SignedHeaders.Contains("host") || !parsed.SignedHeaders.Contains("x-amz-date"))
        {
            return SigV4Verification.Invalid("IncompleteSignatureException", "'Host' and 'X-Amz-Date' must be signed.");
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(request.Body));
        if (headers.TryGetValue("x-amz-content-sha256", out var declaredHash) && !string.Equals(declaredHash.Trim(), payloadHash, StringComparison.Ordinal))
        {
            return SigV4Verification.Invalid("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in parsed.SignedHeaders)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                return SigV4Verification.Invalid("InvalidSignatureException", $"Signed header '{name}' is not in the request.");
            }

            canonicalHeaders.Append(name).Append(':').Append(CanonicalHeaderValue(value)).Append('\n');
        }

        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.RawPath),
            CanonicalQuery(request.RawQuery),
            canonicalHeaders.ToString(),
            string.Join(';', parsed.SignedHeaders),
            payloadHash);
        var scope = $"{parsed.ScopeDate}/{parsed.Region}/{parsed.Service}/aws4_request";
        var stringToSign = string.Join('\n',
            Algorithm,
            amzDate,
            scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var signingKey = SigningKey(secretAccessKey, parsed.ScopeDate, parsed.Region, parsed.Service);
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign))));
        var provided = Encoding.ASCII.GetBytes(parsed.Signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, provided))
        {
            return SigV4Verification.Invalid(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
                canonicalRequest);
        }

        return SigV4Verification.Valid(parsed.Service, parsed.Region, canonicalRequest);
    }

    /// <summary>The raw wire path encoded once more (non-S3 services), e.g. %3A → %253A; empty → "/".</summary>
    public static string CanonicalUri(string rawPath) =>
        string.IsNullOrEmpty(rawPath) ? "/" : SigV4Encoding.Encode(rawPath, keepSlash: true);

    /// <summary>Query pairs decoded, re-encoded per RFC 3986, sorted by name then value.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((SigV4Encoding.Encode(SigV4Encoding.Decode(name), keepSlash: false), SigV4Encoding.Encode(SigV4Encoding.Decode(value), keepSlash: false)));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    private static string CanonicalHeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value.Trim())
        {
            var isSpace = c == ' ';
            if (!(isSpace && previousSpace))
            {
                builder.Append(c);
            }

            previousSpace = isSpace;
        }

        return builder.ToString();
    }

    private static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
        var kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(kService, "aws4_request"u8.ToArray());
    }
}
