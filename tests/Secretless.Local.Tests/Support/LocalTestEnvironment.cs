using Secretless.Local.Storage;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Support;

/// <summary>A fresh data directory in a temp folder with an opened database; deleted on dispose.</summary>
internal sealed class LocalTestEnvironment : IDisposable
{
    public LocalTestEnvironment()
    {
        Temporary = new TemporaryDirectory("secretless-local");
        DataDirectory = new SecretlessDataDirectory(Path.Combine(Temporary.Path, "data"));
        Time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Database = SqliteDatabase.Open(DataDirectory, Time);
    }

    public TemporaryDirectory Temporary { get; }

    public SecretlessDataDirectory DataDirectory { get; }

    public ManualTimeProvider Time { get; }

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the directory can be deleted.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Temporary.Dispose();
    }
}
