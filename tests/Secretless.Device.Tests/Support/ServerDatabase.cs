using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local.Registry;
using Secretless.Server.Tests.Support;

namespace Secretless.Device.Tests.Support;

/// <summary>Reads the running server's real SQLite file and registry, and imports generated fleets.</summary>
public static class ServerDatabase
{
    /// <summary>The completed state of an issuance (IssuanceState.Completed).</summary>
    public const int CompletedState = 2;

    public static async Task<IReadOnlyList<LedgerRow>> ReadLedgerAsync(RunningServer server)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = server.DataDirectory.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, csr_sha256, state, certificate_id FROM issuances ORDER BY device_id;";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Every certificate in the registry (id and subject).</summary>
    public static async Task<IReadOnlyList<CertificateSummary>> ReadCertificatesAsync(RunningServer server)
    {
        var registry = server.GetRequiredService<SqliteThingRegistry>();
        var all = new List<CertificateSummary>();
        string? after = null;
        while (true)
        {
            var page = await registry.ListCertificatesAsync(after, 500, CancellationToken.None);
            all.AddRange(page);
            if (page.Count < 500)
            {
                return all;
            }

            after = page[^1].CertificateId;
        }
    }

    /// <summary>Generates P-256 keys in-process (fast) and imports the devices in one batch.</summary>
    public static async Task<IReadOnlyList<(string DeviceId, ECDsa Key)>> ImportFleetAsync(RunningServer server, string prefix, int count)
    {
        var fleet = Enumerable.Range(0, count)
            .Select(index => (DeviceId: $"{prefix}-{index:D3}", Key: ECDsa.Create(ECCurve.NamedCurves.nistP256)))
            .ToList();
        var entries = fleet.Select((device, index) =>
        {
            if (!PublicKeyNormalizer.TryNormalize(device.Key.ExportSubjectPublicKeyInfo(), out var key, out var error))
            {
                throw new InvalidOperationException($"Generated key not importable: {error!.Code}");
            }

            return new DeviceImportEntry(index + 1, device.DeviceId, key!.SpkiDer, key.Algorithm);
        }).ToList();
        var result = await server.GetRequiredService<IDeviceDirectory>().ImportAsync(entries, false, null, CancellationToken.None);
        if (!result.Committed)
        {
            throw new InvalidOperationException("The fleet import conflicted.");
        }

        return fleet;
    }
}
