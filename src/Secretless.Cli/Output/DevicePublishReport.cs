namespace Secretless.Cli.Output;

/// <summary>One publish of <c>device connect --publish</c> and its PUBACK reason code.</summary>
public sealed record DevicePublishReport(string Topic, int PayloadBytes, int ReasonCode, string Reason);
