namespace Secretless.Device.Simulation;

/// <summary>What the <see cref="FaultInjectingProxy"/> does to one connection.</summary>
public enum ProxyFaultKind
{
    /// <summary>Forward both directions untouched.</summary>
    Pass = 0,

    /// <summary>Reset the client's connection before a single request byte reaches the target.</summary>
    DropBeforeRequest = 1,

    /// <summary>Forward the request, but reset both sides after N bytes of the target's answer.</summary>
    CutMidResponse = 2,

    /// <summary>Wait a bounded time before connecting to the target, then forward untouched.</summary>
    Delay = 3,
}
