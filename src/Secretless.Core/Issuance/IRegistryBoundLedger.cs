using Secretless.Core.Registry;

namespace Secretless.Core.Issuance;

/// <summary>
/// An optional ability of an <see cref="IIssuanceLedger"/> that keeps its records in a
/// transactional store a thing registry may share (the embedded SQLite file). Bound to such a
/// registry, it records, registers and completes an issuance in one write instead of four.
/// </summary>
public interface IRegistryBoundLedger
{
    /// <summary>
    /// The one-step recorder for <paramref name="registry"/>, or null when the registry keeps its
    /// rows in another store (another region's file, AWS IoT): then the granular steps apply.
    /// </summary>
    IAtomicIssuanceRecorder? BindRegistry(IThingRegistry registry);
}
