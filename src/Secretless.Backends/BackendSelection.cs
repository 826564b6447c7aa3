namespace Secretless.Backends;

/// <summary>
/// The backend type chosen for each port (canonical names: <c>Sqlite</c>, <c>Local</c>,
/// <c>DynamoDb</c>, <c>AcmPca</c>, <c>IotCore</c>, <c>S3</c>), so a host can tell what it runs,
/// e.g. start the embedded MQTT endpoint only when the registry is the local one.
/// </summary>
public sealed record BackendSelection(
    string Directory,
    string Ledger,
    string Issuer,
    string Registry,
    string PayloadStore)
{
    public const string Sqlite = "Sqlite";
    public const string Local = "Local";
    public const string DynamoDb = "DynamoDb";
    public const string AcmPca = "AcmPca";
    public const string IotCore = "IotCore";
    public const string S3 = "S3";

    /// <summary>Everything embedded: what <c>secretless serve</c> runs without configuration.</summary>
    public static BackendSelection Embedded { get; } = new(Sqlite, Sqlite, Local, Local, Local);

    /// <summary>True when the registry is the embedded one, which the embedded MQTT endpoint enforces.</summary>
    public bool HasLocalRegistry => Registry == Local;

    public override string ToString() =>
        $"Directory={Directory}, Ledger={Ledger}, Issuer={Issuer}, Registry={Registry}, PayloadStore={PayloadStore}";
}
