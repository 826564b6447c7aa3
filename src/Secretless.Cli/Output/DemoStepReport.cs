namespace Secretless.Cli.Output;

/// <summary>One step of <c>demo</c>: what was tried, what was expected, what happened.</summary>
public sealed record DemoStepReport(
    string Step,
    string DeviceId,
    string Expected,
    string Actual,
    bool AsExpected,
    string Detail);
