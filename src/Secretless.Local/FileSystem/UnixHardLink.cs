using System.Runtime.InteropServices;

namespace Secretless.Local.FileSystem;

/// <summary>
/// POSIX <c>link(2)</c>: the one create-if-absent that is atomic for a file written elsewhere first.
/// .NET's <c>File.Move(overwrite: false)</c> checks for the target and then renames, so racing
/// creators can each "win" (seen in CI: five of sixteen).
/// </summary>
internal static partial class UnixHardLink
{
    private const int AlreadyExists = 17; // EEXIST

    // errno values for file systems without hard links: the caller falls back to a plain move.
    private static readonly int[] NotSupported = [1, 18, 31, 38, 95]; // EPERM, EXDEV, EMLINK, ENOSYS, EOPNOTSUPP

    /// <summary>
    /// Links <paramref name="newPath"/> to <paramref name="existingPath"/>: true when created, false
    /// when <paramref name="newPath"/> already exists, null when the file system has no hard links.
    /// </summary>
    public static bool? TryCreate(string existingPath, string newPath)
    {
        if (Link(existingPath, newPath) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == AlreadyExists)
        {
            return false;
        }

        return NotSupported.Contains(errno)
            ? null
            : throw new IOException($"Could not create '{newPath}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existingPath, string newPath);
}
