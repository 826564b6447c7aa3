using System.Text.Json.Serialization.Metadata;
using Secretless.Aws.Http;

namespace Secretless.Aws.Iot;

/// <summary>
/// Builds the wire form of each AWS IoT control-plane call exactly as the official SDKs send it
/// (REST-JSON, checked against the captured fixtures): method, encoded path, sorted query and
/// the JSON body in model member order. Operations without body members send no body at all.
/// </summary>
public static class IotRequests
{
    private const string JsonContentType = "application/json";
    private const string PrincipalHeader = "x-amzn-principal";

    public static AwsRequest CreateCertificateFromCsr(CreateCertificateFromCsrRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(CreateCertificateFromCsr), HttpMethod.Post, "/certificates",
            IotWireEncoding.Query(("setAsActive", request.SetAsActive)),
            new CreateCertificateFromCsrBody { CertificateSigningRequest = request.CertificateSigningRequest },
            c => c.CreateCertificateFromCsrBody);
    }

    public static AwsRequest RegisterCertificate(RegisterCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(RegisterCertificate), HttpMethod.Post, "/certificate/register",
            IotWireEncoding.Query(("setAsActive", request.SetAsActive)),
            new RegisterCertificateBody { CertificatePem = request.CertificatePem, CaCertificatePem = request.CaCertificatePem, Status = request.Status },
            c => c.RegisterCertificateBody);
    }

    public static AwsRequest RegisterCertificateWithoutCA(RegisterCertificateWithoutCARequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(RegisterCertificateWithoutCA), HttpMethod.Post, "/certificate/register-no-ca", "",
            new RegisterCertificateWithoutCABody { CertificatePem = request.CertificatePem, Status = request.Status },
            c => c.RegisterCertificateWithoutCABody);
    }

    public static AwsRequest RegisterCACertificate(RegisterCACertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(RegisterCACertificate), HttpMethod.Post, "/cacertificate",
            IotWireEncoding.Query(("setAsActive", request.SetAsActive), ("allowAutoRegistration", request.AllowAutoRegistration)),
            new RegisterCACertificateBody
            {
                CaCertificate = request.CaCertificate,
                VerificationCertificate = request.VerificationCertificate,
                RegistrationConfig = request.RegistrationConfig,
                Tags = request.Tags,
                CertificateMode = request.CertificateMode,
            },
            c => c.RegisterCACertificateBody);
    }

    /// <summary>All body members are optional; with none set the SDKs still send (and sign) <c>{}</c>.</summary>
    public static AwsRequest UpdateCACertificate(UpdateCACertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(UpdateCACertificate), HttpMethod.Put,
            $"/cacertificate/{IotWireEncoding.Label(request.CertificateId, "caCertificateId")}",
            IotWireEncoding.Query(("newStatus", request.NewStatus), ("newAutoRegistrationStatus", request.NewAutoRegistrationStatus)),
            new UpdateCACertificateBody { RegistrationConfig = request.RegistrationConfig, RemoveAutoRegistration = request.RemoveAutoRegistration },
            c => c.UpdateCACertificateBody);
    }

    public static AwsRequest DescribeCertificate(DescribeCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(DescribeCertificate), HttpMethod.Get, CertificatePath(request.CertificateId), "");
    }

    public static AwsRequest UpdateCertificate(UpdateCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.NewStatus);
        return NoBody(nameof(UpdateCertificate), HttpMethod.Put, CertificatePath(request.CertificateId),
            IotWireEncoding.Query(("newStatus", request.NewStatus)));
    }

    public static AwsRequest DeleteCertificate(DeleteCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(DeleteCertificate), HttpMethod.Delete, CertificatePath(request.CertificateId),
            IotWireEncoding.Query(("forceDelete", request.ForceDelete)));
    }

    public static AwsRequest CreateThing(CreateThingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(CreateThing), HttpMethod.Post, ThingPath(request.ThingName), "",
            new CreateThingBody { ThingTypeName = request.ThingTypeName, AttributePayload = request.AttributePayload, BillingGroupName = request.BillingGroupName },
            c => c.CreateThingBody);
    }

    public static AwsRequest DescribeThing(DescribeThingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(DescribeThing), HttpMethod.Get, ThingPath(request.ThingName), "");
    }

    public static AwsRequest DeleteThing(DeleteThingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(DeleteThing), HttpMethod.Delete, ThingPath(request.ThingName),
            IotWireEncoding.Query(("expectedVersion", request.ExpectedVersion)));
    }

    public static AwsRequest CreatePolicy(CreatePolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(CreatePolicy), HttpMethod.Post, PolicyPath("/policies/", request.PolicyName), "",
            new CreatePolicyBody { PolicyDocument = request.PolicyDocument, Tags = request.Tags },
            c => c.CreatePolicyBody);
    }

    public static AwsRequest GetPolicy(GetPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(GetPolicy), HttpMethod.Get, PolicyPath("/policies/", request.PolicyName), "");
    }

    public static AwsRequest AttachPolicy(AttachPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(AttachPolicy), HttpMethod.Put, PolicyPath("/target-policies/", request.PolicyName), "",
            new PolicyTargetBody { Target = request.Target }, c => c.PolicyTargetBody);
    }

    public static AwsRequest DetachPolicy(DetachPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Json(nameof(DetachPolicy), HttpMethod.Post, PolicyPath("/target-policies/", request.PolicyName), "",
            new PolicyTargetBody { Target = request.Target }, c => c.PolicyTargetBody);
    }

    public static AwsRequest AttachThingPrincipal(AttachThingPrincipalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Principal);
        return NoBody(nameof(AttachThingPrincipal), HttpMethod.Put, ThingPath(request.ThingName) + "/principals",
            IotWireEncoding.Query(("thingPrincipalType", request.ThingPrincipalType)),
            [new(PrincipalHeader, request.Principal)]);
    }

    public static AwsRequest DetachThingPrincipal(DetachThingPrincipalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Principal);
        return NoBody(nameof(DetachThingPrincipal), HttpMethod.Delete, ThingPath(request.ThingName) + "/principals", "",
            [new(PrincipalHeader, request.Principal)]);
    }

    public static AwsRequest ListThingPrincipals(ListThingPrincipalsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(ListThingPrincipals), HttpMethod.Get, ThingPath(request.ThingName) + "/principals",
            IotWireEncoding.Query(("nextToken", request.NextToken), ("maxResults", request.MaxResults)));
    }

    public static AwsRequest DescribeEndpoint(DescribeEndpointRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(DescribeEndpoint), HttpMethod.Get, "/endpoint",
            IotWireEncoding.Query(("endpointType", request.EndpointType)));
    }

    public static AwsRequest GetRegistrationCode(GetRegistrationCodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(GetRegistrationCode), HttpMethod.Get, "/registrationcode", "");
    }

    public static AwsRequest ListCertificatesByCA(ListCertificatesByCARequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NoBody(nameof(ListCertificatesByCA), HttpMethod.Get,
            $"/certificates-by-ca/{IotWireEncoding.Label(request.CaCertificateId, "caCertificateId")}",
            IotWireEncoding.Query(("pageSize", request.PageSize), ("marker", request.Marker), ("isAscendingOrder", request.AscendingOrder)));
    }

    private static string CertificatePath(string certificateId) => $"/certificates/{IotWireEncoding.Label(certificateId, "certificateId")}";

    private static string ThingPath(string thingName) => $"/things/{IotWireEncoding.Label(thingName, "thingName")}";

    private static string PolicyPath(string prefix, string policyName) => prefix + IotWireEncoding.Label(policyName, "policyName");

    private static AwsRequest Json<TBody>(
        string operation, HttpMethod method, string path, string query, TBody body, Func<IotJsonContext, JsonTypeInfo<TBody>> typeInfo)
        => new(operation, method, path, query, IotJson.Serialize(body, typeInfo), JsonContentType, []);

    private static AwsRequest NoBody(
        string operation, HttpMethod method, string path, string query, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
        => new(operation, method, path, query, null, null, headers ?? []);
}
