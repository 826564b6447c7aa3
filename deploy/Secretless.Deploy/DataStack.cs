using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace Secretless.Deploy;

/// <summary>
/// The two DynamoDB global tables, created in the primary region with a replica in every other
/// region: the device directory (the reference sample's schema, hash key <c>device-id</c>) and the
/// issuance ledger (hash key <c>issuance-key</c>). Their names are fixed, so the regional stacks
/// address their local replica by name and ARN without a cross-region reference.
/// </summary>
public sealed class DataStack : Stack
{
    public const string DeviceKey = "device-id";
    public const string LedgerKey = "issuance-key";

    public DataStack(Construct scope, string id, DeploymentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var replicas = settings.Regions.Skip(1).Select(region => new ReplicaTableProps { Region = region }).ToArray();
        Devices = GlobalTable("Devices", settings.DeviceTableName, DeviceKey, replicas);
        Ledger = GlobalTable("Ledger", settings.LedgerTableName, LedgerKey, replicas);
    }

    public TableV2 Devices { get; }

    public TableV2 Ledger { get; }

    private TableV2 GlobalTable(string id, string name, string hashKey, ReplicaTableProps[] replicas) =>
        new(this, id, new TablePropsV2
        {
            TableName = name,
            PartitionKey = new Attribute { Name = hashKey, Type = AttributeType.STRING },
            Billing = Billing.OnDemand(),
            Replicas = replicas,
            // Device keys and issuance records are the service's state: recoverable and never
            // removed with the stack.
            PointInTimeRecovery = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
}
