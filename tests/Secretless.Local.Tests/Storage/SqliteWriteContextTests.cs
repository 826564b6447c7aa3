using System.Globalization;
using Microsoft.Data.Sqlite;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Storage;

/// <summary>
/// <see cref="SqliteWriteContext.Execute"/> binds values directly on SQLite: what it stores and how
/// it fails must be what Microsoft.Data.Sqlite stores and throws.
/// </summary>
public sealed class SqliteWriteContextTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    // x has no declared type, so SQLite keeps each value's storage class as bound.
    public SqliteWriteContextTests()
    {
        using var connection = Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE v (id INTEGER PRIMARY KEY, x, r REAL, u TEXT UNIQUE);";
        command.ExecuteNonQuery();
    }

    private SqliteDatabase Database => _environment.Database;

    public void Dispose()
    {
        Database.Dispose();
        _environment.Dispose();
    }

    [Theory]
    [InlineData("text", "text|naïve ✓")]
    [InlineData("empty text", "text|")]
    [InlineData("long", "integer|9007199254740993")]
    [InlineData("int", "integer|-7")]
    [InlineData("true", "integer|1")]
    [InlineData("false", "integer|0")]
    [InlineData("blob", "blob|01FF00")]
    [InlineData("empty blob", "blob|")]
    [InlineData("double", "real|2.5")]
    [InlineData("null", "null|")]
    [InlineData("DBNull", "null|")]
    [InlineData("decimal", "text|1.25")]
    [InlineData("DateTime", "text|2026-11-30 12:00:00")]
    public async Task Execute_Value_IsStoredAsMicrosoftDataSqliteStoresIt(string kind, string expected)
    {
        object? value = kind switch
        {
            "text" => "naïve ✓",
            "empty text" => string.Empty,
            "long" => 9007199254740993L,
            "int" => -7,
            "true" => true,
            "false" => false,
            "blob" => new byte[] { 0x01, 0xFF, 0x00 },
            "empty blob" => Array.Empty<byte>(),
            "double" => 2.5,
            "null" => null,
            "DBNull" => DBNull.Value,
            // Not bound directly: these take Microsoft.Data.Sqlite's path.
            "decimal" => 1.25m,
            _ => new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc),
        };

        await Database.WriteAsync(context => context.Execute("INSERT INTO v (id, x) VALUES (1, $value);", ("$value", value)), CancellationToken.None);

        using var connection = Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(x), CASE typeof(x) WHEN 'blob' THEN hex(x) ELSE x END FROM v WHERE id = 1;";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var stored = $"{reader.GetString(0)}|{(reader.IsDBNull(1) ? string.Empty : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture))}";
        Assert.Equal(expected, stored);
    }

    [Fact]
    public async Task Execute_ConstraintViolation_ThrowsSqliteExceptionWithTheCodesAndLeavesTheStatementReusable()
    {
        await Database.WriteAsync(context => context.Execute("INSERT INTO v (id, u) VALUES ($id, $u);", ("$id", 1L), ("$u", "same")), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<SqliteException>(() => Database.WriteAsync(
            context => context.Execute("INSERT INTO v (id, u) VALUES ($id, $u);", ("$id", 2L), ("$u", "same")), CancellationToken.None));

        Assert.Equal(19, failure.SqliteErrorCode);
        Assert.Equal(2067, failure.SqliteExtendedErrorCode);
        Assert.Contains("UNIQUE constraint failed: v.u", failure.Message, StringComparison.Ordinal);
        var changed = await Database.WriteAsync(
            context => context.Execute("INSERT INTO v (id, u) VALUES ($id, $u);", ("$id", 3L), ("$u", "other")), CancellationToken.None);
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task Execute_Update_ReturnsTheRowsChangedAndIgnoresUnusedValues()
    {
        await Database.WriteAsync(context => context.Execute("INSERT INTO v (id, r) VALUES (1, 1.0), (2, 1.0), (3, 9.0);"), CancellationToken.None);

        var changed = await Database.WriteAsync(
            context => context.Execute("UPDATE v SET r = $r WHERE r = 1.0;", ("$r", 4.0), ("$unused", "ignored")), CancellationToken.None);

        Assert.Equal(2, changed);
    }

    [Fact]
    public async Task Execute_ValueMissing_FailsInsteadOfBindingNull()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Database.WriteAsync(
            context => context.Execute("INSERT INTO v (id, x) VALUES ($id, $x);", ("$id", 1L)), CancellationToken.None));

        Assert.Contains("2 parameters but only 1", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_SeveralStatements_RunsThemAll()
    {
        await Database.WriteAsync(
            context => context.Execute("INSERT INTO v (id) VALUES ($a); INSERT INTO v (id) VALUES ($b);", ("$a", 1L), ("$b", 2L)), CancellationToken.None);

        using var connection = Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM v;";
        Assert.Equal(2L, command.ExecuteScalar());
    }
}
