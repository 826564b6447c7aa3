using System.Buffers;

namespace Secretless.Cli.Logging;

/// <summary>Renders one entry as one UTF-8 line (ending in '\n') into the writer's batch buffer.</summary>
internal interface ILogLineFormatter
{
    void Write(in ConsoleLogEntry entry, ArrayBufferWriter<byte> output);
}
