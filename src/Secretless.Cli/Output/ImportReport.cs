namespace Secretless.Cli.Output;

/// <summary>
/// <c>devices import --json</c>. <see cref="Committed"/> is false when any line was bad or
/// conflicted; then nothing was stored.
/// </summary>
public sealed record ImportReport(
    string File,
    int Entries,
    bool Committed,
    int Inserted,
    int Unchanged,
    int Replaced,
    IReadOnlyList<ImportLineProblem> Problems);
