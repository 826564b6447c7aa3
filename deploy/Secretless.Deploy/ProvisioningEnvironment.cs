using System.Globalization;

namespace Secretless.Deploy;

/// <summary>
/// The configuration both functions receive as <c>Secretless__…</c> variables (docs/configuration.md
/// "Backends"): the same keys serve reads from its --config file, AWS backends only.
/// </summary>
public static class ProvisioningEnvironment
{
    /// <summary>ACM PCA polling ends before the issuer's 25 s timeout, which ends before API Gateway's 29 s.</summary>
    public static readonly TimeSpan IssueDeadline = TimeSpan.FromSeconds(20);

    public const string PayloadPrefix = "payloads/";

    public static Dictionary<string, string> For(DeploymentSettings settings, string region, string bucketName, string? caCertificatePem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Secretless__Provisioning__Validity"] = TimeSpan.FromDays(settings.ValidityDays).ToString("c", CultureInfo.InvariantCulture),
            ["Secretless__Provisioning__PolicyName"] = settings.PolicyName,
            ["Secretless__Directory__Type"] = "DynamoDb",
            ["Secretless__Directory__TableName"] = settings.DeviceTableName,
            ["Secretless__Ledger__Type"] = "DynamoDb",
            ["Secretless__Ledger__TableName"] = settings.LedgerTableName,
            ["Secretless__Issuer__Type"] = settings.IssuerKind,
            ["Secretless__Registry__Type"] = "IotCore",
            ["Secretless__PayloadStore__Type"] = "S3",
            ["Secretless__PayloadStore__BucketName"] = bucketName,
            ["Secretless__PayloadStore__KeyPrefix"] = PayloadPrefix,
        };
        if (settings.IssuesWithAcmPca)
        {
            variables["Secretless__Issuer__CertificateAuthorityArn"] = settings.CertificateAuthorityArn(region);
            variables["Secretless__Issuer__IssueDeadline"] = IssueDeadline.ToString("c", CultureInfo.InvariantCulture);
            if (settings.SigningAlgorithm.Length > 0)
            {
                variables["Secretless__Issuer__SigningAlgorithm"] = settings.SigningAlgorithm;
            }

            // Certificates from the account's own CA are registered with that CA when its PEM is
            // given (the PKI admin registered it in AWS IoT); otherwise without a CA.
            if (caCertificatePem is null)
            {
                variables["Secretless__Registry__RegistrationMode"] = "WithoutCa";
            }
            else
            {
                variables["Secretless__Registry__RegistrationMode"] = "WithCa";
                variables["Secretless__Registry__CaCertificatePem"] = caCertificatePem;
            }
        }

        return variables;
    }
}
