using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;

namespace Secretless.Deploy;

/// <summary>
/// The IAM statements of the two functions: exactly the calls the AWS backends make on the Lambda
/// path (read from src/Secretless.Aws), each on the narrowest resource AWS accepts for it.
/// </summary>
public static class ProvisioningPermissions
{
    /// <summary>
    /// IoT actions whose only resource type is <c>*</c> (the service authorization reference lists no
    /// resource for them): the account's data endpoint, and a certificate IoT creates from a CSR.
    /// </summary>
    public static readonly IReadOnlyList<string> WildcardOnlyActions = ["iot:DescribeEndpoint", "iot:CreateCertificateFromCsr"];

    /// <summary>ACM PCA's template for device (client authentication) certificates; IssueCertificate is limited to it.</summary>
    public const string EndEntityClientAuthTemplate = "arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1";

    /// <summary>The authorizer only looks a device's key up (DeviceProvisioner.AdmitAsync → directory FindAsync).</summary>
    public static PolicyStatement[] Authorizer(Stack stack, DeploymentSettings settings) =>
    [
        Allow(["dynamodb:GetItem"], [TableArn(stack, settings.DeviceTableName)]),
    ];

    public static PolicyStatement[] Issuer(Stack stack, DeploymentSettings settings, IBucket payloads, bool registersWithCa)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(payloads);
        List<PolicyStatement> statements =
        [
            // Directory: FindAsync (the defence-in-depth re-check). Ledger: BeginAsync (PutItem under
            // a condition, then GetItem), RecordIssuedAsync / CompleteAsync (UpdateItem), FindAsync.
            // Scan (ListIncompleteAsync) belongs to serve's background resumer, not to Lambda.
            Allow(["dynamodb:GetItem"], [TableArn(stack, settings.DeviceTableName)]),
            Allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], [TableArn(stack, settings.LedgerTableName)]),
            // Latent delivery: StoreAsync puts the payload, the pre-signed URL is a GetObject the device
            // makes with this role's signature. Expiry is the bucket's lifecycle rule, not a delete.
            Allow(["s3:PutObject", "s3:GetObject"], [payloads.ArnForObjects(ProvisioningEnvironment.PayloadPrefix + "*")]),
        ];

        var certificates = IotArn(stack, "cert/*");
        var things = IotArn(stack, "thing/*");
        if (settings.IssuesWithAcmPca)
        {
            var ca = settings.CertificateAuthorityArn(stack.Region);
            var issue = Allow(["acm-pca:IssueCertificate"], [ca]);
            issue.AddCondition("StringEquals", new Dictionary<string, object> { ["acm-pca:TemplateArn"] = EndEntityClientAuthTemplate });
            statements.Add(issue);
            List<string> caReads = ["acm-pca:GetCertificate", "acm-pca:GetCertificateAuthorityCertificate"];
            if (settings.SigningAlgorithm.Length == 0)
            {
                caReads.Add("acm-pca:DescribeCertificateAuthority");
            }

            statements.Add(Allow([.. caReads], [ca]));
            statements.Add(Allow([registersWithCa ? "iot:RegisterCertificate" : "iot:RegisterCertificateWithoutCA"], [certificates]));
        }
        else
        {
            // AWS IoT signs and registers in one call; the registry then activates and attaches it.
            statements.Add(Allow(["iot:CreateCertificateFromCsr"], ["*"]));
        }

        statements.Add(Allow(["iot:DescribeCertificate", "iot:UpdateCertificate", "iot:AttachPolicy"], [certificates]));
        // Thing names are device ids (any registered device); AttachThingPrincipal names the thing and the certificate.
        statements.Add(Allow(["iot:CreateThing"], [things]));
        statements.Add(Allow(["iot:AttachThingPrincipal"], [things, certificates]));
        statements.Add(Allow(["iot:GetPolicy", "iot:CreatePolicy"], [IotArn(stack, "policy/" + settings.PolicyName)]));
        statements.Add(Allow(["iot:DescribeEndpoint"], ["*"]));
        return [.. statements];
    }

    public static string TableArn(Stack stack, string tableName) =>
        stack.FormatArn(new ArnComponents { Service = "dynamodb", Resource = "table", ResourceName = tableName });

    private static string IotArn(Stack stack, string resource) =>
        stack.FormatArn(new ArnComponents { Service = "iot", Resource = resource.Split('/')[0], ResourceName = resource.Split('/')[1] });

    private static PolicyStatement Allow(string[] actions, string[] resources) =>
        new(new PolicyStatementProps { Effect = Effect.ALLOW, Actions = actions, Resources = resources });
}
