using Microsoft.Data.Sqlite;
using Secretless.Local;

namespace Secretless.Benchmarks.Support;

/// <summary>A fresh Secretless data directory under the temp folder, deleted on dispose.</summary>
public sealed class BenchDataDirectory : IDisposable
{
    public BenchDataDirectory(string name)
    {
        RootPath = Path.Combine(Path.GetTempPath(), $"secretless-bench-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(RootPath);
        DataDirectory = new SecretlessDataDirectory(RootPath);
    }

    public string RootPath { get; }

    public SecretlessDataDirectory DataDirectory { get; }

    public void Dispose()
    {
        // Pooled SQLite connections keep the database files open; close them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(RootPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not turn a finished run into a failure.
        }
    }
}
