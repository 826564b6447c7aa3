using System.Diagnostics.CodeAnalysis;

namespace Secretless.TestSupport.Aws;

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> header.</summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public static bool TryParse(string header, [NotNullWhen(true)] out SigV4Authorization? parsed, out string error)
    {
        parsed = null;
        error = "";
        var prefix = SigV4Verifier.Algorithm + " ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = $"Authorization header must start with '{SigV4Verifier.Algorithm}'.";
            return false;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in header[prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[item[..equals]] = item[(equals + 1)..];
            }
        }

        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            error = "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.";
            return false;
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope[1].Length != 8)
        {
            error = $"Credential '{credential}' is not of the form <key>/<yyyyMMdd>/<region>/<service>/aws4_request.";
            return false;
        }

        var names = signedHeaders.Split(';');
        if (names.Any(n => n.Length == 0 || n.Any(char.IsUpper)))
        {
            error = "SignedHeaders must be lower-case names separated by ';'.";
            return false;
        }

        if (!names.SequenceEqual(names.Order(StringComparer.Ordinal)))
        {
            error = "SignedHeaders must be sorted.";
            return false;
        }

        parsed = new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], names, signature);
        return true;
    }
}
