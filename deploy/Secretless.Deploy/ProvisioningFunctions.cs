using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Secretless.Deploy;

/// <summary>
/// The authorizer and issuer functions: one published binary (<c>bootstrap</c>, provided.al2023), the
/// handler picked by the function's Handler setting, which Lambda hands the runtime as <c>_HANDLER</c>
/// (a reserved variable that cannot be set as environment). x86_64 because scripts/publish-lambda.sh
/// publishes linux-x64.
/// </summary>
public sealed class ProvisioningFunctions : Construct
{
    /// <summary>Fits API Gateway's 29 s integration limit with room for the answer; ACM PCA polling stops at 20 s.</summary>
    public static readonly Duration IssuerTimeout = Duration.Seconds(25);

    /// <summary>One DynamoDB read and a CSR check.</summary>
    public static readonly Duration AuthorizerTimeout = Duration.Seconds(10);

    public const string AuthorizerHandler = "authorizer";
    public const string IssuerHandler = "issuer";

    public ProvisioningFunctions(Construct scope, string id, DeploymentSettings settings, LambdaAsset asset, IBucket payloads, string? caCertificatePem)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(asset);
        var stack = Stack.Of(this);
        var environment = ProvisioningEnvironment.For(settings, stack.Region, payloads.BucketName, caCertificatePem);
        var code = asset.Code();
        Authorizer = Function("Authorizer", AuthorizerHandler, AuthorizerTimeout, 256, code, environment,
            ProvisioningPermissions.Authorizer(stack, settings));
        Issuer = Function("Issuer", IssuerHandler, IssuerTimeout, 512, code, environment,
            ProvisioningPermissions.Issuer(stack, settings, payloads, caCertificatePem is not null));
    }

    public Function Authorizer { get; }

    public Function Issuer { get; }

    private Function Function(string id, string handler, Duration timeout, int memory, Code code,
        Dictionary<string, string> environment, PolicyStatement[] statements)
    {
        var logs = new LogGroup(this, id + "Logs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // An own role with inline statements only: no AWS managed policy, logs only to this group.
        var role = new Role(this, id + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"Secretless {handler} function",
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [logs.LogGroupArn],
        }));
        foreach (var statement in statements)
        {
            role.AddToPolicy(statement);
        }

        var function = new Function(this, id, new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = handler,
            Code = code,
            Timeout = timeout,
            MemorySize = memory,
            Role = role,
            LogGroup = logs,
            Environment = environment,
            Description = $"Secretless {handler} (provided.al2023 custom runtime)",
        });
        if (handler == IssuerHandler && role.Node.TryFindChild("DefaultPolicy") is { } policy)
        {
            NagSuppressions.Suppress(policy,
                ("AwsSolutions-IAM5", "Wildcards are only where the resource is not known in advance: IoT certificate ids (cert/*) are assigned at registration, thing names are device ids (thing/*), log streams are created per execution environment, payload objects are per device under the payloads/ prefix; iot:DescribeEndpoint and iot:CreateCertificateFromCsr support only '*'."));
        }

        return function;
    }
}
