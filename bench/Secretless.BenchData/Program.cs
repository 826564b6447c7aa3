using System.Diagnostics;
using Secretless.BenchData;

// Generates the load test data of bench/run.sh in process (openssl per device is far too slow
// for a million manifest lines). Usage:
//   Secretless.BenchData --out DIR --devices N --csrs K [--prefix bench-]
// Writes DIR/manifest.csv (N lines "id,base64(SPKI DER)"; the first K devices are the ones with
// CSRs), DIR/csr-b64.txt (K lines: base64 of the CSR PEM, the device-csr header value) and
// DIR/csr-json.txt (K lines: the same CSRs as cfssl sign request bodies), line i = device i.
if (!BenchDataSettings.TryParse(args, out var settings, out var error))
{
    await Console.Error.WriteLineAsync($"error: {error}");
    await Console.Error.WriteLineAsync("usage: Secretless.BenchData --out DIR --devices N --csrs K [--prefix ID_PREFIX]");
    return 2;
}

var stopwatch = Stopwatch.StartNew();
await BenchDataWriter.WriteAsync(settings, CancellationToken.None);
await Console.Out.WriteLineAsync(
    $"generated {settings.Devices:N0} devices ({settings.Csrs:N0} with CSRs) in {stopwatch.Elapsed.TotalSeconds:F1} s into {settings.OutputDirectory}");
return 0;
