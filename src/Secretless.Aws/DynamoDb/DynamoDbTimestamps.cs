using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Secretless.Aws.DynamoDb;

/// <summary>
/// Timestamps are stored as ISO-8601 UTC strings with 100 ns precision
/// (<c>2026-03-01T12:00:00.0000000Z</c>): readable in the AWS console, sortable as strings, and
/// exact on a round trip. Reading also accepts any ISO-8601 string and epoch seconds (N), which
/// other tools write.
/// </summary>
internal static class DynamoDbTimestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static AttributeValue ToAttribute(DateTimeOffset value) => new() { S = ToText(value) };

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Read(Dictionary<string, AttributeValue> item, string attribute)
    {
        if (!item.TryGetValue(attribute, out var value))
        {
            return null;
        }

        if (value.S is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        if (value.N is { } number && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and < 253402300800)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        return null;
    }
}
