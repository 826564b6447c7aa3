using System.Globalization;
using System.Security.Cryptography;
using Secretless.Cli.Infrastructure;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local;

namespace Secretless.Cli.Fleet;

/// <summary>Makes a fleet: P-256 keys in-process (the simulated secure elements) and one import of their public keys.</summary>
internal static class FleetManufacturer
{
    /// <summary>
    /// Keys for <c>fleet-&lt;run&gt;-&lt;n&gt;</c>; a fresh run id keeps ids new when the fleet
    /// reuses a data directory (or a running server).
    /// </summary>
    public static List<(string Id, ECDsa Key)> Manufacture(int count)
    {
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var width = count.ToString(CultureInfo.InvariantCulture).Length;
        return Enumerable.Range(1, count)
            .Select(i => ($"fleet-{runId}-{i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}", ECDsa.Create(ECCurve.NamedCurves.nistP256)))
            .ToList();
    }

    /// <summary>Imports every device in one transaction into the data directory's device directory.</summary>
    public static async Task ImportAsync(SecretlessDataDirectory dataDirectory, List<(string Id, ECDsa Key)> devices, CancellationToken cancellationToken)
    {
        var entries = new List<DeviceImportEntry>(devices.Count);
        foreach (var (id, key) in devices)
        {
            if (!PublicKeyNormalizer.TryNormalize(key.ExportSubjectPublicKeyInfo(), out var normalized, out var error))
            {
                throw new CliException(ExitCodes.Failure, $"generated key for {id} was not accepted: {error?.Detail}");
            }

            entries.Add(new DeviceImportEntry(entries.Count + 1, id, normalized!.SpkiDer, normalized.Algorithm));
        }

        var result = await LocalBackends.Open(dataDirectory.RootPath).DeviceDirectory.ImportAsync(entries, false, null, cancellationToken);
        if (!result.Committed)
        {
            throw new CliException(ExitCodes.Failure, $"importing the fleet into {dataDirectory.RootPath} failed with {result.Conflicts.Count} conflict(s).");
        }
    }

    public static void Dispose(List<(string Id, ECDsa Key)> devices)
    {
        foreach (var (_, key) in devices)
        {
            key.Dispose();
        }
    }

    /// <summary>The CA chain the fleet trusts; exit 5 when it cannot be read.</summary>
    public static async Task<string> ReadCaChainAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.PkiNotInitialized, $"cannot read the CA chain {path}: {exception.Message} (run 'secretless serve' with the same --data first).");
        }
    }
}
