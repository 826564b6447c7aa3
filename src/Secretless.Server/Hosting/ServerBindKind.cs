namespace Secretless.Server.Hosting;

public enum ServerBindKind
{
    /// <summary>One IP address.</summary>
    Address = 0,

    /// <summary>IPv4 and IPv6 loopback.</summary>
    Localhost = 1,

    /// <summary>Every address of the machine.</summary>
    AnyAddress = 2,
}
