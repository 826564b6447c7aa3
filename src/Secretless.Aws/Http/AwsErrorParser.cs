using System.Text.Json;

namespace Secretless.Aws.Http;

/// <summary>
/// Reads an AWS error answer the way the official SDKs do: the error code comes from the
/// <c>x-amzn-ErrorType</c> header, else the body's <c>code</c>, else its <c>__type</c>; any
/// <c>namespace#</c> prefix and <c>:suffix</c> are dropped (<c>com.amazonaws.acmpca#RequestInProgressException</c>
/// and <c>ThrottlingException:http://internal.amazon.com/…</c> both name the bare exception).
/// </summary>
public static class AwsErrorParser
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>The error code used when neither header nor body names one.</summary>
    public const string UnknownErrorCode = "Unknown";

    public static AwsServiceException Parse(
        string service,
        string operation,
        int status,
        IReadOnlyDictionary<string, string> headers,
        byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var (bodyCode, bodyType, message) = ReadBody(body);
        var rawCode = NonEmpty(Header(headers, ErrorTypeHeader)) ?? NonEmpty(bodyCode) ?? NonEmpty(bodyType);
        var errorCode = rawCode is null ? FallbackCode(status) : Sanitize(rawCode);
        return new AwsServiceException(service, operation, status, errorCode, message ?? "", Header(headers, RequestIdHeader));
    }

    /// <summary>Drops a <c>namespace#</c> prefix and a <c>:suffix</c> from a raw error code.</summary>
    public static string Sanitize(string rawCode)
    {
        ArgumentNullException.ThrowIfNull(rawCode);
        var code = rawCode.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Length == 0 ? UnknownErrorCode : code;
    }

    // A body-less 5xx/429 still has to be classified: the SDKs fall back to the status.
    private static string FallbackCode(int status) => status switch
    {
        429 => AwsErrorCodes.Throttling,
        503 => AwsErrorCodes.ServiceUnavailable,
        _ => UnknownErrorCode,
    };

    private static (string? Code, string? Type, string? Message) ReadBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            string? code = null, type = null, message = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                switch (property.Name)
                {
                    case "code" or "Code":
                        code ??= property.Value.GetString();
                        break;
                    case "__type":
                        type = property.Value.GetString();
                        break;
                    case "message" or "Message" or "errorMessage":
                        message ??= property.Value.GetString();
                        break;
                }
            }

            return (code, type, message);
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer HTML or plain text; the status still classifies it.
            return (null, null, null);
        }
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
