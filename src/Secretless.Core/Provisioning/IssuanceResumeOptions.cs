namespace Secretless.Core.Provisioning;

/// <summary>How the <see cref="IssuanceResumer"/> sweeps unfinished issuances.</summary>
public sealed class IssuanceResumeOptions
{
    /// <summary>A Pending record older than this is reported as abandoned by a crash (the CA never answered).</summary>
    public TimeSpan StalePendingAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many incomplete records one sweep looks at (oldest first); the rest resume on request.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (StalePendingAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("SL1211: IssuanceResumeOptions.StalePendingAfter must be positive.", nameof(StalePendingAfter));
        }

        if (BatchSize <= 0)
        {
            throw new ArgumentException("SL1212: IssuanceResumeOptions.BatchSize must be positive.", nameof(BatchSize));
        }
    }
}
