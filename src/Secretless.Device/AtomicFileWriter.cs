using System.Text;

namespace Secretless.Device;

/// <summary>
/// Writes a file so that a reader (or a device after power loss) sees either the old content or
/// the complete new content, never a torn file: the bytes go to a temporary file in the same
/// directory, are flushed to the disk, and the temporary file is renamed over the target.
/// </summary>
public static class AtomicFileWriter
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Test seam: called with the temporary path after the content is flushed to the disk and
    /// before the rename. A test throws here to simulate a power cut at the one moment that
    /// matters. Async-local, so it only affects the flow that set it.
    /// </summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeRename = new();

    public static Task WriteAsync(string path, string text, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteAsync(path, Utf8WithoutBom.GetBytes(text), mode, cancellationToken);
    }

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        Directory.CreateDirectory(directory);

        // Same directory as the target, so the rename below never crosses a file system.
        var temporaryPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var streamOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            // The mode is applied at creation: a private key is never readable by others, not even briefly.
            streamOptions.UnixCreateMode = unixMode;
        }

        try
        {
            await using (var stream = new FileStream(temporaryPath, streamOptions))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } finalMode && !OperatingSystem.IsWindows())
            {
                // UnixCreateMode is filtered by the umask; set the exact mode that was asked for.
                File.SetUnixFileMode(temporaryPath, finalMode);
            }

            BeforeRename.Value?.Invoke(temporaryPath);
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    private static void TryDelete(string temporaryPath)
    {
        try
        {
            File.Delete(temporaryPath);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
