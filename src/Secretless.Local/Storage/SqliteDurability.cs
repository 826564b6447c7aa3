namespace Secretless.Local.Storage;

/// <summary>How hard a commit waits for the disk (SQLite <c>synchronous</c> in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous=FULL</c>: every commit is on disk before it returns, also across power loss.
    /// The default, because a device is told its certificate is registered only after the commit.
    /// Costs one fsync per commit (measured here: about 1–4 ms), so commit in batches.
    /// </summary>
    Full = 0,

    /// <summary>
    /// <c>synchronous=NORMAL</c>: commits survive a crash of the process but the last ones may be
    /// lost on power loss or an OS crash. Several times faster per commit.
    /// </summary>
    Normal = 1,
}
