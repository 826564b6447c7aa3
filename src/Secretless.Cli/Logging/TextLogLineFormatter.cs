using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Secretless.Cli.Logging;

/// <summary>
/// <c>HH:mm:ss info: Category[EventId] message exception</c> on one line, in local time: the layout
/// of the framework's single-line console formatter, so existing log greps keep working. Line
/// breaks and tabs become spaces and other control characters '?': a value that reaches a message
/// (a device id from a CSR, say) can neither forge a second line nor send terminal escapes.
/// </summary>
internal sealed class TextLogLineFormatter : ILogLineFormatter
{
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(code => (char)code).ToArray());

    private readonly bool _color;

    /// <param name="color">Wrap the level in ANSI colours (only when writing to a terminal).</param>
    public TextLogLineFormatter(bool color) => _color = color;

    public void Write(in ConsoleLogEntry entry, ArrayBufferWriter<byte> output)
    {
        var time = entry.Timestamp.ToLocalTime();
        var span = output.GetSpan(9);
        time.TryFormat(span, out var written, "HH:mm:ss ");
        output.Advance(written);

        var (name, color) = Level(entry.Level);
        if (_color)
        {
            WriteAscii(output, color);
            WriteAscii(output, name);
            WriteAscii(output, "\u001b[0m");
        }
        else
        {
            WriteAscii(output, name);
        }

        WriteAscii(output, ": ");
        WriteSanitized(output, entry.Category);
        WriteAscii(output, "[");
        span = output.GetSpan(11);
        entry.EventId.Id.TryFormat(span, out written);
        output.Advance(written);
        WriteAscii(output, "] ");
        WriteSanitized(output, entry.Message);
        if (entry.Exception is { } exception)
        {
            WriteAscii(output, " ");
            WriteSanitized(output, exception);
        }

        WriteAscii(output, "\n");
    }

    private static (string Name, string Color) Level(LogLevel level) => level switch
    {
        LogLevel.Trace => ("trce", "\u001b[90m"),
        LogLevel.Debug => ("dbug", "\u001b[90m"),
        LogLevel.Information => ("info", "\u001b[32m"),
        LogLevel.Warning => ("warn", "\u001b[33m"),
        LogLevel.Error => ("fail", "\u001b[31m"),
        _ => ("crit", "\u001b[1;37;41m"),
    };

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text)
    {
        var written = Encoding.ASCII.GetBytes(text, output.GetSpan(text.Length));
        output.Advance(written);
    }

    private static void WriteSanitized(ArrayBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var control = text.IndexOfAny(ControlCharacters);
            var run = control < 0 ? text : text[..control];
            var written = Encoding.UTF8.GetBytes(run, output.GetSpan(Encoding.UTF8.GetMaxByteCount(run.Length)));
            output.Advance(written);
            if (control < 0)
            {
                return;
            }

            // A CRLF pair becomes one space, like a lone line break.
            var skip = text[control] == '\r' && control + 1 < text.Length && text[control + 1] == '\n' ? 2 : 1;
            output.GetSpan(1)[0] = text[control] is '\r' or '\n' or '\t' ? (byte)' ' : (byte)'?';
            output.Advance(1);
            text = text[(control + skip)..];
        }
    }
}
