using System.Globalization;
using System.Text.Json;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Errors;

/// <summary>
/// An RFC 9457 problem with the stable <c>code</c> devices branch on. It lives in the core so every
/// host (serve, the Lambda issuer, API Gateway's gateway responses) writes the same bytes from one copy.
/// </summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Code)
{
    public const string ContentType = "application/problem+json";
    public const string TypeBaseUri = "https://secretless.dev/problems/";

    public static ProblemBody From(ProvisioningError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ProblemBody(TypeBaseUri + error.Code, error.Title, error.Status, error.Detail, error.Code);
    }

    /// <summary>The exact UTF-8 JSON bytes a device receives for <paramref name="error"/>.</summary>
    public static byte[] Serialize(ProvisioningError error) =>
        JsonSerializer.SerializeToUtf8Bytes(From(error), CoreJsonContext.Default.ProblemBody);

    /// <summary>The <c>Retry-After</c> header value (whole seconds, at least 1), or null when the device should not retry.</summary>
    public static string? RetryAfterSeconds(ProvisioningError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.RetryAfter is { } retryAfter
            ? Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// <paramref name="value"/> as the content of a JSON string (no quotes), escaped with the encoder
    /// <see cref="Serialize"/> uses: a template that puts it between quotes renders the same bytes.
    /// </summary>
    public static string EncodeStringContent(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = JsonSerializer.Serialize(value, CoreJsonContext.Default.String);
        return quoted[1..^1];
    }
}
