using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Secretless.BenchData;

/// <summary>What to generate: <see cref="Devices"/> manifest lines, the first <see cref="Csrs"/> with a CSR.</summary>
internal sealed record BenchDataSettings(string OutputDirectory, int Devices, int Csrs, string Prefix)
{
    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchDataSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;
        string? output = null;
        int devices = -1;
        int csrs = 0;
        var prefix = "bench-";
        for (var index = 0; index < args.Length; index++)
        {
            var value = index + 1 < args.Length ? args[index + 1] : null;
            switch (args[index])
            {
                case "--out" when value is not null:
                    output = value;
                    break;
                case "--devices" when TryCount(value, out var parsedDevices):
                    devices = parsedDevices;
                    break;
                case "--csrs" when TryCount(value, out var parsedCsrs):
                    csrs = parsedCsrs;
                    break;
                case "--prefix" when !string.IsNullOrEmpty(value):
                    prefix = value;
                    break;
                default:
                    error = $"unknown or incomplete option '{args[index]}'.";
                    return false;
            }

            index++;
        }

        if (output is null || devices < 1)
        {
            error = "--out and --devices (at least 1) are required.";
            return false;
        }

        if (csrs > devices)
        {
            error = $"--csrs {csrs} is more than --devices {devices}: every CSR belongs to a manifest device.";
            return false;
        }

        settings = new BenchDataSettings(Path.GetFullPath(output), devices, csrs, prefix);
        error = null;
        return true;
    }

    /// <summary>Device ids sort in manifest order and all have the same length.</summary>
    public string DeviceId(int index) => Prefix + index.ToString("D8", CultureInfo.InvariantCulture);

    private static bool TryCount(string? text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
}
