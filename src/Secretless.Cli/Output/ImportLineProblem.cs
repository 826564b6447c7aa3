namespace Secretless.Cli.Output;

/// <summary>A manifest line that stopped the import: a bad line, or a device registered with another key.</summary>
public sealed record ImportLineProblem(int LineNumber, string Kind, string Message);
