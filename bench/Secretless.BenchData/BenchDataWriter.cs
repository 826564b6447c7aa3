using System.Text;

namespace Secretless.BenchData;

/// <summary>
/// Generates devices in batches on all cores and writes each batch in device order, so line i of
/// every file is device i and memory stays at one batch however many lines are asked for.
/// </summary>
internal static class BenchDataWriter
{
    private const int BatchSize = 65_536;

    public static async Task WriteAsync(BenchDataSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await using var manifest = new StreamWriter(Path.Combine(settings.OutputDirectory, "manifest.csv"), false, encoding, 1 << 20);
        await using var headers = new StreamWriter(Path.Combine(settings.OutputDirectory, "csr-b64.txt"), false, encoding, 1 << 20);
        await using var bodies = new StreamWriter(Path.Combine(settings.OutputDirectory, "csr-json.txt"), false, encoding, 1 << 20);
        manifest.NewLine = headers.NewLine = bodies.NewLine = "\n";

        var batch = new GeneratedDevice[BatchSize];
        for (var start = 0; start < settings.Devices; start += BatchSize)
        {
            var count = Math.Min(BatchSize, settings.Devices - start);
            var first = start;
            // Devices with a CSR need a real key pair; the filler lines only a distinct public key.
            var withCsr = Math.Clamp(settings.Csrs - first, 0, count);
            await Parallel.ForAsync(0, withCsr, cancellationToken, (offset, _) =>
            {
                batch[offset] = DeviceGenerator.Generate(settings.DeviceId(first + offset), withCsr: true);
                return ValueTask.CompletedTask;
            });
            FillerKeys.Fill(batch.AsSpan(withCsr, count - withCsr), first + withCsr, settings);

            for (var offset = 0; offset < count; offset++)
            {
                var device = batch[offset];
                await manifest.WriteLineAsync(device.ManifestLine.AsMemory(), cancellationToken);
                if (device.CsrHeader is not null)
                {
                    await headers.WriteLineAsync(device.CsrHeader.AsMemory(), cancellationToken);
                    await bodies.WriteLineAsync(device.CfsslBody.AsMemory(), cancellationToken);
                }
            }
        }
    }
}
