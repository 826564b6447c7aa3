namespace Secretless.Local.Replication;

/// <summary>How <see cref="RegionReplicator"/> copies registry changes between embedded regions.</summary>
public sealed class RegionReplicatorOptions
{
    /// <summary>
    /// How old a change must be before other regions apply it: simulated replication lag
    /// (<c>serve --replication-delay</c>). Zero applies changes at the next poll.
    /// </summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>How often every region's feed is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"SL1301: RegionReplicatorOptions.Delay must be from 0 to 1 day but is {Delay}.", nameof(Delay));
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"SL1302: RegionReplicatorOptions.PollInterval must be more than 0 and at most 10 s but is {PollInterval}.", nameof(PollInterval));
        }
    }
}
