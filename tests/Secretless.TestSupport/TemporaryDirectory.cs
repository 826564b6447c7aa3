namespace Secretless.TestSupport;

/// <summary>
/// A unique directory under the system temp folder, deleted (with its contents) on dispose.
/// </summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string? prefix = null)
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            $"{prefix ?? "secretless-test"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>The absolute path of a file (or sub-path) inside the directory; nothing is created.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a process that is shutting down; the OS temp cleaner
            // removes the rest. Failing the test for it would hide the real result.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above: best effort only.
        }
    }
}
