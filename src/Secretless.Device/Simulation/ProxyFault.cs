namespace Secretless.Device.Simulation;

/// <summary>
/// One connection's fate: the kind, the number of target→client bytes let through before a
/// <see cref="ProxyFaultKind.CutMidResponse"/>, and the wait of a <see cref="ProxyFaultKind.Delay"/>.
/// </summary>
public sealed record ProxyFault(ProxyFaultKind Kind, int CutAfterBytes = 0, TimeSpan DelayBy = default)
{
    public static ProxyFault Pass { get; } = new(ProxyFaultKind.Pass);

    public static ProxyFault Drop { get; } = new(ProxyFaultKind.DropBeforeRequest);

    public static ProxyFault CutAfter(int bytes) => new(ProxyFaultKind.CutMidResponse, CutAfterBytes: bytes);

    public static ProxyFault Delayed(TimeSpan delay) => new(ProxyFaultKind.Delay, DelayBy: delay);
}
