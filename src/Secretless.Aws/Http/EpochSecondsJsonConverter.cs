using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Secretless.Aws.Http;

/// <summary>
/// Reads and writes an AWS timestamp as epoch seconds (a JSON number, including the exponent
/// form AWS services emit). Apply with <c>[JsonConverter(typeof(EpochSecondsJsonConverter))]</c>.
/// </summary>
public sealed class EpochSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Raw text, not TryGetDecimal: the exponent form must parse on every runtime.
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return AwsJson.ParseEpochSeconds(Encoding.ASCII.GetString(raw));
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString() ?? "";
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                ? AwsJson.FromEpochSeconds(seconds)
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        throw new JsonException($"Expected an epoch-seconds timestamp but found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(AwsJson.ToEpochSeconds(value));
    }
}
