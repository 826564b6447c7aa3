namespace Secretless.Device.Simulation;

/// <summary>
/// How often and how the <see cref="FaultInjectingProxy"/> misbehaves. Decisions come from a
/// <see cref="Random"/> seeded with <see cref="Seed"/>, drawn in connection-accept order, so a
/// seed always yields the same sequence of faults.
/// </summary>
public sealed record FaultInjectingProxyOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Share of connections that get a fault (0..1); the kinds are equally likely.</summary>
    public double FaultRate { get; init; }

    /// <summary>Smallest number of answer bytes let through before a cut.</summary>
    public int CutAfterMinBytes { get; init; } = 1;

    /// <summary>Largest number of answer bytes let through before a cut.</summary>
    public int CutAfterMaxBytes { get; init; } = 4096;

    /// <summary>Upper bound of a delay fault (drawn uniformly from zero to this).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Faults for the first connections, in order, before the random ones start.</summary>
    public IReadOnlyList<ProxyFault> Script { get; init; } = [];
}
