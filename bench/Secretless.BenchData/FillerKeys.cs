namespace Secretless.BenchData;

/// <summary>Manifest lines for devices without a CSR: distinct public keys from <see cref="P256PointWalk"/>.</summary>
internal static class FillerKeys
{
    /// <summary>Walks per slice: one shared inverse per step, so more walks = fewer inverses per key.</summary>
    private const int Walks = 128;

    private static readonly int Slices = Environment.ProcessorCount;

    public static void Fill(Span<GeneratedDevice> devices, int firstIndex, BenchDataSettings settings)
    {
        if (devices.IsEmpty)
        {
            return;
        }

        var sliceLength = (devices.Length + Slices - 1) / Slices;
        var lines = new string[devices.Length];
        Parallel.For(0, Slices, slice =>
        {
            var start = slice * sliceLength;
            var length = Math.Min(sliceLength, lines.Length - start);
            if (length <= 0)
            {
                return;
            }

            var keys = P256PointWalk.Generate(length, Walks);
            if (!P256PointWalk.IsOnCurve(keys[^1]))
            {
                throw new InvalidOperationException("the point walk left the P-256 curve; the filler keys would be invalid.");
            }

            for (var offset = 0; offset < length; offset++)
            {
                lines[start + offset] = settings.DeviceId(firstIndex + start + offset) + "," + Convert.ToBase64String(keys[offset]);
            }
        });

        for (var offset = 0; offset < devices.Length; offset++)
        {
            devices[offset] = new GeneratedDevice(lines[offset], null, null);
        }
    }
}
