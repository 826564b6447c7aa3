using Secretless.Cli.Output;

namespace Secretless.Cli.Commands;

/// <summary>
/// How a connection attempt ended: the report when connected (and published), else the exit code
/// (6 refused, 7 unreachable, 1 other) with a one-line message and, for refusals, the reason code.
/// </summary>
internal sealed record DeviceConnectOutcome(DeviceConnectReport? Report, int ExitCode, string Message, string? Reason)
{
    public bool Succeeded => Report is not null;
}
