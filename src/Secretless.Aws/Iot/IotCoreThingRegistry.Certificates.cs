using Secretless.Aws.Http;
using Secretless.Core.Registry;

namespace Secretless.Aws.Iot;

/// <summary>
/// What certificate rotation reads from AWS IoT: one certificate's status (DescribeCertificate) and a
/// thing's certificates (ListThingPrincipals, then DescribeCertificate per certificate principal).
/// </summary>
/// <remarks>
/// AWS IoT has no query for superseded certificates, so this registry does not offer
/// <see cref="ISupersededCertificateFinder"/>: with a rotation grace period, older certificates are
/// retired at the thing's next provisioning. Listing costs 1 + N calls for N certificates, within
/// the registry quota for the few certificates a thing holds.
/// </remarks>
public sealed partial class IotCoreThingRegistry
{
    private const int PrincipalPageSize = 250;
    private const string CertificateArnMarker = ":cert/";

    public async Task<CertificateStatus?> GetCertificateStatusAsync(string certificateId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateId);
        try
        {
            var status = (await DescribeAsync(certificateId, cancellationToken))?.Status;
            return status is null ? null : IotCertificateStatuses.Parse(status);
        }
        catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceNotFound))
        {
            return null;
        }
    }

    /// <summary>
    /// Certificate principals of the thing, oldest creation date first (then by id). Other principal
    /// kinds are skipped; an unknown thing has none; a certificate deleted between the two calls is skipped.
    /// </summary>
    public async Task<IReadOnlyList<ThingCertificate>> ListThingCertificatesAsync(string thingName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        var certificates = new List<ThingCertificate>();
        foreach (var certificateId in await ListCertificatePrincipalIdsAsync(thingName, cancellationToken))
        {
            try
            {
                var description = await DescribeAsync(certificateId, cancellationToken);
                if (description is { Status: { } status })
                {
                    certificates.Add(new ThingCertificate(
                        certificateId, IotCertificateStatuses.Parse(status), description.CreationDate ?? DateTimeOffset.UnixEpoch));
                }
            }
            catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceNotFound))
            {
                // Deleted after it was listed: it no longer belongs to the thing's history.
            }
        }

        return [.. certificates.OrderBy(c => c.RegisteredAt).ThenBy(c => c.CertificateId, StringComparer.Ordinal)];
    }

    private async Task<List<string>> ListCertificatePrincipalIdsAsync(string thingName, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? nextToken = null;
        do
        {
            ListThingPrincipalsResponse page;
            try
            {
                var token = nextToken;
                page = await CallAsync("ListThingPrincipals", () => _iot.ListThingPrincipalsAsync(
                    new ListThingPrincipalsRequest { ThingName = thingName, MaxResults = PrincipalPageSize, NextToken = token }, cancellationToken));
            }
            catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceNotFound))
            {
                return ids;
            }

            foreach (var principal in page.Principals ?? [])
            {
                var marker = principal.LastIndexOf(CertificateArnMarker, StringComparison.Ordinal);
                if (marker >= 0)
                {
                    var id = principal[(marker + CertificateArnMarker.Length)..];
                    RememberArn(id, principal);
                    ids.Add(id);
                }
            }

            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);

        return ids;
    }
}
