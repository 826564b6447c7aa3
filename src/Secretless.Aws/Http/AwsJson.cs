using System.Globalization;
using System.Text.Encodings.Web;

namespace Secretless.Aws.Http;

/// <summary>
/// JSON facts shared by the AWS JSON protocols (JSON 1.1, REST-JSON): timestamps are epoch
/// seconds as JSON numbers (whole, fractional or exponent form such as <c>1.735689600123E9</c>),
/// and strings are escaped only where JSON requires it, as the SDKs' <c>JSON.stringify</c> does
/// (the default .NET encoder would write <c>+</c> in base64 as <c>\u002B</c>).
/// </summary>
public static class AwsJson
{
    /// <summary>Escapes only quotes, backslashes and control characters, like the AWS SDKs.</summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Epoch seconds (possibly fractional) to an instant, kept to the millisecond as the SDKs do.</summary>
    public static DateTimeOffset FromEpochSeconds(decimal seconds)
    {
        var milliseconds = decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
    }

    /// <summary>An instant to epoch seconds: whole seconds when there are no milliseconds, else three decimals.</summary>
    public static decimal ToEpochSeconds(DateTimeOffset instant) =>
        instant.ToUnixTimeMilliseconds() / 1000m;

    /// <summary>Parses an epoch-seconds text (<c>1735689600</c>, <c>1735689600.123</c>, <c>1.735689600123E9</c>).</summary>
    public static DateTimeOffset ParseEpochSeconds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromEpochSeconds(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
