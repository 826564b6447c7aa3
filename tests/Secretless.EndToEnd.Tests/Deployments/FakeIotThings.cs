using Secretless.TestSupport.Aws;

namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>Reads a thing and its certificates from the fake AWS IoT registry, as the suite views them.</summary>
public static class FakeIotThings
{
    public static RegisteredThingView? Find(FakeAwsEndpoint aws, string thingName)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var iot = aws.Iot;
        if (!iot.Things.ContainsKey(thingName))
        {
            return null;
        }

        var principals = iot.ThingPrincipals.TryGetValue(thingName, out var arns) ? arns : new HashSet<string>();
        var certificates = iot.Certificates.Values
            .Where(certificate => principals.Contains(certificate.Arn))
            .Select(certificate => new RegisteredCertificateView(
                certificate.Id,
                certificate.Status,
                [.. iot.PolicyTargets.Where(policy => policy.Value.Contains(certificate.Arn)).Select(policy => policy.Key)]))
            .ToList();
        return new RegisteredThingView(thingName, certificates);
    }
}
