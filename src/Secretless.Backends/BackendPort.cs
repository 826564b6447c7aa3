namespace Secretless.Backends;

/// <summary>The ports a backend is chosen for, each under <c>Secretless:&lt;Port&gt;</c> in configuration.</summary>
public enum BackendPort
{
    Directory,
    Ledger,
    Issuer,
    Registry,
    PayloadStore,
}
