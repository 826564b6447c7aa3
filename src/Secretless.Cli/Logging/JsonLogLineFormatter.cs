using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Secretless.Cli.Logging;

/// <summary>
/// One JSON object per line: <c>time</c> (UTC, ISO 8601), <c>level</c>, <c>category</c>,
/// <c>eventId</c>, <c>event</c> (the event's stable name), <c>message</c>, <c>fields</c> (the
/// message template's named values, typed) and <c>exception</c> when there is one.
/// </summary>
internal sealed class JsonLogLineFormatter : ILogLineFormatter
{
    // Log lines are read by shippers, not embedded in HTML: only what JSON itself requires is escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Utf8JsonWriter? _writer;

    public void Write(in ConsoleLogEntry entry, ArrayBufferWriter<byte> output)
    {
        var writer = _writer ??= new Utf8JsonWriter(output, WriterOptions);
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteString("time", entry.Timestamp.UtcDateTime);
        writer.WriteString("level", ConsoleLogging.LevelName(entry.Level));
        writer.WriteString("category", entry.Category);
        writer.WriteNumber("eventId", entry.EventId.Id);
        if (entry.EventId.Name is { } name)
        {
            writer.WriteString("event", name);
        }

        writer.WriteString("message", entry.Message);
        if (entry.Fields is { Length: > 0 } fields)
        {
            writer.WriteStartObject("fields");
            foreach (var (key, value) in fields)
            {
                WriteField(writer, key, value);
            }

            writer.WriteEndObject();
        }

        if (entry.Exception is { } exception)
        {
            writer.WriteString("exception", exception);
        }

        writer.WriteEndObject();
        writer.Flush();
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    private static void WriteField(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(key);
                break;
            case bool flag:
                writer.WriteBoolean(key, flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumber(key, Convert.ToInt64(value));
                break;
            case ulong number:
                writer.WriteNumber(key, number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumber(key, number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumber(key, number);
                break;
            case decimal number:
                writer.WriteNumber(key, number);
                break;
            default:
                writer.WriteString(key, value as string ?? Convert.ToString(value));
                break;
        }
    }
}
