namespace Secretless.Cli.Infrastructure;

/// <summary>
/// An expected failure with a precise one-line message and the exit code scripts rely on.
/// Thrown by commands, printed by <see cref="SecretlessCli"/> without a stack trace.
/// </summary>
public sealed class CliException : Exception
{
    public CliException()
        : this(ExitCodes.Failure, "failed")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
    }

    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
