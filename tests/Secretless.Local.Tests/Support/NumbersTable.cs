using Microsoft.Data.Sqlite;

namespace Secretless.Local.Tests.Support;

/// <summary>The storage tests' scratch table: <c>numbers (n INTEGER PRIMARY KEY)</c>.</summary>
internal static class NumbersTable
{
    /// <summary>Every n in the table, ascending.</summary>
    public static int[] Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM numbers ORDER BY n;";
        using var reader = command.ExecuteReader();
        var numbers = new List<int>();
        while (reader.Read())
        {
            numbers.Add(reader.GetInt32(0));
        }

        return [.. numbers];
    }
}
