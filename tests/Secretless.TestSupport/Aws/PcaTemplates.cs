using System.Security.Cryptography;

namespace Secretless.TestSupport.Aws;

/// <summary>The AWS-managed end-entity templates the fake ACM PCA knows, by the extended key usages they put in a certificate.</summary>
internal static class PcaTemplates
{
    public static OidCollection ExtendedKeyUsages(string? templateArn)
    {
        const string ClientAuth = "1.3.6.1.5.5.7.3.2";
        const string ServerAuth = "1.3.6.1.5.5.7.3.1";
        string[] oids = templateArn switch
        {
            null or "arn:aws:acm-pca:::template/EndEntityCertificate/V1" => [ServerAuth, ClientAuth],
            "arn:aws:acm-pca:::template/EndEntityClientAuthCertificate/V1" => [ClientAuth],
            "arn:aws:acm-pca:::template/EndEntityServerAuthCertificate/V1" => [ServerAuth],
            _ => throw new FakeAwsServiceError("InvalidArgsException", $"The template {templateArn} is not supported for this certificate authority."),
        };
        var collection = new OidCollection();
        foreach (var oid in oids)
        {
            collection.Add(new Oid(oid));
        }

        return collection;
    }
}
