using System.Runtime.InteropServices;
using SQLitePCL;

namespace Secretless.Local.Storage;

/// <summary>
/// Syncs a connection's main database file through SQLite's own VFS (<c>xSync</c> of the
/// <c>sqlite3_file</c> that <c>SQLITE_FCNTL_FILE_POINTER</c> returns): the same descriptor and sync
/// call SQLite itself uses, and no descriptor of our own, whose <c>close</c> would drop every POSIX
/// lock this process holds on the file.
/// </summary>
internal static unsafe partial class SqliteDatabaseFileSync
{
    private const int FileControlFilePointer = 7; // SQLITE_FCNTL_FILE_POINTER
    // What SQLite's own checkpoints pass (CKPT_SYNC_FLAGS without PRAGMA checkpoint_fullfsync).
    private const int SyncNormal = 0x00002; // SQLITE_SYNC_NORMAL

    /// <summary>Syncs the main database file of <paramref name="handle"/>; returns SQLite's result code.</summary>
    public static int Sync(sqlite3 handle)
    {
        nint file = 0;
        var rc = FileControl(handle.DangerousGetHandle(), "main", FileControlFilePointer, (nint)(&file));
        if (rc != raw.SQLITE_OK || file == 0)
        {
            return rc == raw.SQLITE_OK ? raw.SQLITE_MISUSE : rc;
        }

        // struct sqlite3_file { const sqlite3_io_methods *pMethods; }; xSync is the io methods'
        // fifth member after the int iVersion (SQLite's stable, documented ABI).
        var methods = *(nint*)file;
        if (methods == 0)
        {
            return raw.SQLITE_MISUSE;
        }

        var sync = (delegate* unmanaged<nint, int, int>)((nint*)methods)[5];
        return sync(file, SyncNormal);
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileControl(nint db, string name, int op, nint arg);
}
