namespace Secretless.Local.Pki;

/// <summary>
/// An exclusive lock on <c>pki/.lock</c> (FileShare.None, which .NET backs with flock on Unix),
/// so two <c>ca rotate|revoke</c> processes never interleave their read-modify-write of pki.json.
/// </summary>
internal sealed class LocalPkiLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private LocalPkiLock(FileStream stream) => _stream = stream;

    public static LocalPkiLock Acquire(string pkiDirectory, TimeSpan timeout)
    {
        var path = Path.Combine(pkiDirectory, LocalPkiFileNames.Lock);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new LocalPkiLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                // Held by another process: it finishes within milliseconds (one key, one signature).
                Thread.Sleep(RetryInterval);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
