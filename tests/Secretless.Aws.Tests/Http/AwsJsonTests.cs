using System.Text.Json;
using Secretless.Aws.Http;

namespace Secretless.Aws.Tests.Http;

public sealed class AwsJsonTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new EpochSecondsJsonConverter() } };

    private static readonly JsonSerializerOptions AwsEscaping = new() { Encoder = AwsJson.Encoder };

    [Theory]
    [InlineData("1735689600", "2025-01-01T00:00:00.000Z")]
    [InlineData("1735689600.5", "2025-01-01T00:00:00.500Z")]
    [InlineData("1.735689600123E9", "2025-01-01T00:00:00.123Z")]
    [InlineData("1.735693200456e+9", "2025-01-01T01:00:00.456Z")]
    [InlineData("\"1735689600\"", "2025-01-01T00:00:00.000Z")]
    public void Read_EpochSecondsForms_GivesInstant(string json, string expected)
    {
        var instant = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "1767225600")]
    [InlineData("2026-01-01T00:00:00.25Z", "1767225600.25")]
    public void Write_Instant_GivesEpochSecondsNumber(string instant, string expected)
    {
        var json = JsonSerializer.Serialize(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Options);

        Assert.Equal(expected, json);
    }

    [Fact]
    public void Read_NotANumber_Throws()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>("true", Options));
    }

    [Fact]
    public void Encoder_Base64AndHtmlCharacters_AreNotEscaped()
    {
        var json = JsonSerializer.Serialize("a+b/c=<&>'", AwsEscaping);

        Assert.Equal("\"a+b/c=<&>'\"", json);
    }
}
