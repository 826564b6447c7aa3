using Secretless.TestSupport;

namespace Secretless.Device.Tests;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("secretless-atomic");

    [Fact]
    public async Task WriteAsync_NewFile_WritesContentAndLeavesNoTemporaryFile()
    {
        var path = _directory.File("nvm/certificate.pem");

        await AtomicFileWriter.WriteAsync(path, "-----BEGIN CERTIFICATE-----\n", null, CancellationToken.None);

        Assert.Equal("-----BEGIN CERTIFICATE-----\n", await File.ReadAllTextAsync(path));
        Assert.Equal(["certificate.pem"], Directory.GetFiles(_directory.File("nvm")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesItWhole()
    {
        var path = _directory.File("chain.pem");
        await File.WriteAllTextAsync(path, new string('x', 10_000));

        await AtomicFileWriter.WriteAsync(path, new byte[] { 1, 2, 3 }, null, CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3 }, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task WriteAsync_WithMode_SetsExactModeDespiteUmask()
    {
        var path = _directory.File("private.pem");
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        await AtomicFileWriter.WriteAsync(path, "secret", mode, CancellationToken.None);

        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task WriteAsync_TargetIsADirectory_FailsAndLeavesNoTemporaryFile()
    {
        var path = _directory.File("occupied");
        Directory.CreateDirectory(path);

        await Assert.ThrowsAnyAsync<IOException>(
            () => AtomicFileWriter.WriteAsync(path, "content", null, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task WriteAsync_Text_IsUtf8WithoutByteOrderMark()
    {
        var path = _directory.File("text.txt");

        await AtomicFileWriter.WriteAsync(path, "é", null, CancellationToken.None);

        Assert.Equal(new byte[] { 0xC3, 0xA9 }, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task WriteAsync_CrashBetweenFlushAndRename_OldFileIntactAndNoTemporaryFileLeft()
    {
        var path = _directory.File("nvm/certificate.pem");
        await AtomicFileWriter.WriteAsync(path, "old certificate", null, CancellationToken.None);
        string? atCrashTarget = null;
        string? atCrashTemporary = null;
        AtomicFileWriter.BeforeRename.Value = temporaryPath =>
        {
            // What survives a power cut at this instant: the old target, the new bytes elsewhere.
            atCrashTarget = File.ReadAllText(path);
            atCrashTemporary = File.ReadAllText(temporaryPath);
            throw new IOException("simulated power cut");
        };

        try
        {
            await Assert.ThrowsAsync<IOException>(
                () => AtomicFileWriter.WriteAsync(path, "new certificate", null, CancellationToken.None));
        }
        finally
        {
            AtomicFileWriter.BeforeRename.Value = null;
        }

        Assert.Equal("old certificate", atCrashTarget);
        Assert.Equal("new certificate", atCrashTemporary);
        Assert.Equal("old certificate", await File.ReadAllTextAsync(path));
        Assert.Equal(["certificate.pem"], Directory.GetFiles(_directory.File("nvm")).Select(Path.GetFileName));
    }

    public void Dispose() => _directory.Dispose();
}
