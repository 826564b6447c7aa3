using System.Text;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>Writes a manifest in the reference sample's encoding (CSV, public key as base64 of the PEM).</summary>
public static class DeviceManifest
{
    public static async Task<string> WriteAsync(TemporaryDirectory directory, IReadOnlyList<DeviceKeyFixture> devices)
    {
        var builder = new StringBuilder("device-id,public-key\n");
        foreach (var device in devices)
        {
            builder.Append(device.DeviceId).Append(',').Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(device.PublicKeyPem))).Append('\n');
        }

        var path = directory.File($"manifest-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, builder.ToString());
        return path;
    }

    /// <summary>Runs <c>secretless devices import</c> and fails with its output when it does not succeed.</summary>
    public static async Task ImportAsync(TemporaryDirectory directory, IReadOnlyList<DeviceKeyFixture> devices, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string>? environment)
    {
        var manifest = await WriteAsync(directory, devices);
        var result = await CliProcess.RunAsync(["devices", "import", manifest, .. extraArguments], environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"devices import failed: {result}");
        }
    }
}
