using Spectre.Console;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// Feeds a running count into a Spectre progress task directly (not via <see cref="Progress{T}"/>,
/// which posts to the thread pool and could finish after the task is shown as complete).
/// </summary>
internal sealed class ProgressTaskReporter(ProgressTask task) : IProgress<int>
{
    public void Report(int value) => task.Value = Math.Min(value, task.MaxValue);
}
