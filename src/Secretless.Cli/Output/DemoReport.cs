namespace Secretless.Cli.Output;

/// <summary><c>demo --json</c>: the server it ran, the data directory and every step.</summary>
public sealed record DemoReport(
    string ServerUrl,
    string DataDirectory,
    bool AllAsExpected,
    IReadOnlyList<DemoStepReport> Steps);
