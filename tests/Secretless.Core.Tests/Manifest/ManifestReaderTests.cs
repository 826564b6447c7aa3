using System.Text;
using Secretless.Core.Keys;
using Secretless.Core.Manifest;

namespace Secretless.Core.Tests.Manifest;

[Collection(DeviceKeysGroup.Name)]
public sealed class ManifestReaderTests(DeviceKeys keys)
{
    [Fact]
    public async Task ReadAsync_CsvWithHeaderAndSampleKeyEncodings_AllEntriesNormalized()
    {
        var base64Pem = Convert.ToBase64String(Encoding.UTF8.GetBytes(keys.P256.PublicKeyPem));
        var base64Der = Convert.ToBase64String(keys.P384.PublicKeySpkiDer);
        var oneLinePem = keys.Rsa2048.PublicKeyPem.Trim().Replace("\n", "\\n", StringComparison.Ordinal);
        var manifest = $"""
            device-id,pubkey
            # made on line 7
            sensor-1,{base64Pem}

            sensor-2,{base64Der}
            "sensor-3","{oneLinePem}"
            """;

        var result = await ReadAsync(manifest);

        Assert.Empty(result.Errors);
        Assert.Equal(["sensor-1", "sensor-2", "sensor-3"], result.Entries.Select(e => e.DeviceId));
        Assert.Equal([3, 5, 6], result.Entries.Select(e => e.LineNumber));
        Assert.Equal(keys.P256.PublicKeySpkiDer, result.Entries[0].PublicKey);
        Assert.Equal(KeyAlgorithm.EcdsaP384, result.Entries[1].KeyAlgorithm);
        Assert.Equal(keys.Rsa2048.PublicKeySpkiDer, result.Entries[2].PublicKey);
    }

    [Fact]
    public async Task ReadAsync_CsvWithoutHeader_AllEntries()
    {
        var key = Convert.ToBase64String(keys.P256.PublicKeySpkiDer);
        var result = await ReadAsync($"a,{key}\nb,{key}\n");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Entries.Count);
    }

    [Fact]
    public async Task ReadAsync_CompressedKey_StoredUncompressed()
    {
        var compressed = Convert.ToBase64String(await keys.P256.ExportCompressedPublicKeyDerAsync());
        var result = await ReadAsync($"sensor-c,{compressed}");

        Assert.Empty(result.Errors);
        Assert.Equal(keys.P256.PublicKeySpkiDer, result.Entries[0].PublicKey);
    }

    [Fact]
    public async Task ReadAsync_JsonLines_AllEntries()
    {
        var pem = keys.P256.PublicKeyPem.Replace("\n", "\\n", StringComparison.Ordinal);
        var base64Pem = Convert.ToBase64String(Encoding.UTF8.GetBytes(keys.Rsa2048.PublicKeyPem));
        var manifest = $$"""
            {"deviceId":"sensor-1","publicKey":"{{pem}}"}
            # comment
            {"device-id":"sensor-2","pubkey":"{{base64Pem}}","batch":7}
            """;

        var result = await ReadAsync(manifest);

        Assert.Empty(result.Errors);
        Assert.Equal([1, 3], result.Entries.Select(e => e.LineNumber));
        Assert.Equal(keys.P256.PublicKeySpkiDer, result.Entries[0].PublicKey);
        Assert.Equal(KeyAlgorithm.Rsa, result.Entries[1].KeyAlgorithm);
    }

    [Fact]
    public async Task ReadAsync_BadCsvLines_EachReportedWithLineNumber()
    {
        var good = Convert.ToBase64String(keys.P256.PublicKeySpkiDer);
        var manifest = string.Join('\n',
            $"ok-1,{good}",
            $"bad id,{good}",
            "ok-2,not-a-key",
            "only-one-field",
            $"ok-3,{Convert.ToBase64String(keys.Rsa1024.PublicKeySpkiDer)}",
            $"ok-4,{good},extra",
            $"\"ok-5,{good}",
            $"ok-6,{good}");

        var result = await ReadAsync(manifest);

        Assert.Equal(["ok-1", "ok-6"], result.Entries.Select(e => e.DeviceId));
        Assert.Equal([2, 3, 4, 5, 6, 7], result.Errors.Select(e => e.LineNumber));
        Assert.Contains("position 4", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("neither PEM nor base64", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("found 1", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("RSA-1024", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("found more", result.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("closing quote", result.Errors[5].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BadJsonLines_EachReportedWithLineNumber()
    {
        var good = Convert.ToBase64String(keys.P256.PublicKeySpkiDer);
        var manifest = string.Join('\n',
            $$"""{"deviceId":"a","publicKey":"{{good}}"}""",
            """{"deviceId":"b" """,
            $$"""{"publicKey":"{{good}}"}""",
            $$"""{"deviceId":7,"publicKey":"{{good}}"}""",
            $$"""{"deviceId":"c","deviceId":"d","publicKey":"{{good}}"}""",
            "[1,2]",
            $$"""{"deviceId":"e","publicKey":"{{good}}"} {}""");

        var result = await ReadAsync(manifest);

        Assert.Equal(["a"], result.Entries.Select(e => e.DeviceId));
        Assert.Equal([2, 3, 4, 5, 6, 7], result.Errors.Select(e => e.LineNumber));
        Assert.Contains("not valid JSON", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("deviceId", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("must be a JSON string", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("JSON object", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DuplicateDeviceId_ErrorNamesBothLines()
    {
        var key = Convert.ToBase64String(keys.P256.PublicKeySpkiDer);
        var result = await ReadAsync($"device-id,public-key\nsensor-1,{key}\nsensor-2,{key}\nsensor-1,{key}");

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.LineNumber);
        Assert.Contains("sensor-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Entries.Count);
    }

    [Fact]
    public async Task ReadAsync_EmptyInput_NoEntriesNoErrors()
    {
        var result = await ReadAsync("\n\n# nothing\n");
        Assert.Empty(result.Entries);
        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task ReadAsync_HundredThousandLines_AllReadWithProgress()
    {
        var key = Convert.ToBase64String(keys.P256.PublicKeySpkiDer);
        const int lines = 100_000;
        var builder = new StringBuilder(lines * 130);
        builder.Append("device-id,public-key\n");
        for (var i = 0; i < lines; i++)
        {
            builder.Append("sensor-").Append(i).Append(',').Append(key).Append('\n');
        }

        var reports = new List<int>();
        var progress = new SynchronousProgress(reports.Add);
        var result = await ManifestReader.ReadAsync(new StringReader(builder.ToString()), progress, CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Equal(lines, result.Entries.Count);
        Assert.Equal(lines + 1, reports[^1]);
        Assert.True(reports.Count >= lines / ManifestReader.ProgressInterval);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ManifestReader.ReadAsync(new StringReader("a,b"), null, cts.Token));
    }

    private static Task<ManifestReadResult> ReadAsync(string text) =>
        ManifestReader.ReadAsync(new StringReader(text), null, CancellationToken.None);

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
