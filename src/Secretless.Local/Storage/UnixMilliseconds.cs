namespace Secretless.Local.Storage;

/// <summary>Timestamps are stored as Unix milliseconds (UTC) so they sort and compare as integers.</summary>
internal static class UnixMilliseconds
{
    public static long From(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToDateTimeOffset(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
