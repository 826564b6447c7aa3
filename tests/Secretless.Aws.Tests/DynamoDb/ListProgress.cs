namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>Records progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
internal sealed class ListProgress : IProgress<int>
{
    private readonly List<int> _reports = [];

    public IReadOnlyList<int> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(int value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
