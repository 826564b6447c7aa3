namespace Secretless.Device.Simulation;

/// <summary>How one direction of a proxied connection ended.</summary>
internal enum ProxyPumpEnd
{
    EndOfStream,
    LimitReached,
    Failed,
}
