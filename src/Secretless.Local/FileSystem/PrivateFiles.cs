namespace Secretless.Local.FileSystem;

/// <summary>
/// File writes for state that must never be half-written or readable by other users:
/// directories are created 0700, secret files 0600 from the first byte (no chmod after the fact),
/// and every file is written to a temporary name, flushed to disk and renamed into place.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates the directory (0700 on Unix) when it is missing; an existing one is left alone.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    /// <summary>Writes the text atomically; <paramref name="secret"/> makes it 0600 from creation.</summary>
    public static void WriteAtomically(string path, string text, bool secret)
        => WriteAtomically(path, System.Text.Encoding.UTF8.GetBytes(text), secret);

    /// <summary>Writes the bytes atomically; <paramref name="secret"/> makes it 0600 from creation.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, bool secret)
        => Write(path, content, secret, overwrite: true);

    /// <summary>
    /// Creates the file atomically only if it does not exist yet; returns false when another
    /// writer (also another process) created it first, whose content then stands.
    /// </summary>
    public static bool TryCreateAtomically(string path, ReadOnlySpan<byte> content, bool secret)
        => Write(path, content, secret, overwrite: false);

    private static bool Write(string path, ReadOnlySpan<byte> content, bool secret, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))
            ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        var temporaryPath = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporaryPath, CreateOptions(secret)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && !OperatingSystem.IsWindows() && UnixHardLink.TryCreate(temporaryPath, path) is { } linked)
            {
                return linked; // the temporary name is removed below either way
            }

            File.Move(temporaryPath, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            return false;
        }
        finally
        {
            // Gone after a successful move; removes the partial file after any failure.
            File.Delete(temporaryPath);
        }
    }

    private static FileStreamOptions CreateOptions(bool secret)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret ? OwnerOnlyFile : PublicFile;
        }

        return options;
    }
}
